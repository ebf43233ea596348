package build

import (
	"os"
	"testing"
)

// BenchmarkEPUB300 is `folio epub` on the 300-chapter book: loading,
// converting every chapter and part for the package, serializing XHTML and
// zipping. It reports the size of the file.
func BenchmarkEPUB300(b *testing.B) {
	fsys := os.DirFS(book300(b))
	b.ReportAllocs()
	var size int
	for b.Loop() {
		res, err := makeEPUBs(fsys, Options{}, "")
		if err != nil {
			b.Fatal(err)
		}
		size = len(res.Books[0].Data)
	}
	b.ReportMetric(float64(size), "epub-bytes")
}
