package images

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A probe is remembered for the file as it is, and only once its times are
// settled; a file written again, even with the same bytes, is probed again.
func TestProbeMemo(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.jpg")
	if err := os.WriteFile(file, []byte("pretend JPEG"), 0o644); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	c := OpenCache(filepath.Join(dir, "cache"))
	in := Info{Format: JPEG, Width: 40, Height: 30, Orientation: 6, Sum: [32]byte{1, 2, 3}}
	c.RememberProbe("img/a.jpg", fi, in, time.Now())
	if _, ok := c.Probed("img/a.jpg", fi, 1e6); ok {
		t.Fatal("the probe of a file written just now was remembered")
	}
	later := time.Now().Add(time.Minute)
	c.RememberProbe("img/a.jpg", fi, in, later)
	if got, ok := c.Probed("img/a.jpg", fi, 1e6); !ok || got != in {
		t.Fatalf("Probed = %+v, %v; want %+v", got, ok, in)
	}
	if _, ok := c.Probed("img/b.jpg", fi, 1e6); ok {
		t.Error("the probe was found under another name")
	}
	if _, ok := c.Probed("img/a.jpg", fi, 1000); ok {
		t.Error("a remembered probe over the pixel limit was taken")
	}
	if err := os.WriteFile(file, []byte("pretend JPEG"), 0o644); err != nil {
		t.Fatal(err)
	}
	fi2, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Probed("img/a.jpg", fi2, 1e6); ok {
		t.Error("the probe of a file written again was taken")
	}
	if n, err := c.Prune(); err != nil || n != 0 {
		t.Errorf("Prune removed %d (%v), want the probe asked for kept", n, err)
	}
}
