// Package images owns image processing: it turns an author's photo (a
// 4000 x 3000 camera JPEG with GPS and orientation tags, a PNG diagram, a
// WebP) into the variants a site publishes, and keeps them between builds.
//
// Probe reads only an image's header: its format from its bytes (a file
// whose extension names another format is refused), its size with the EXIF
// orientation applied (read with github.com/bep/imagemeta, which is
// fuzz-tested), whether it may be transparent, and a decompression bomb is
// refused by its pixel count before any pixel is decoded. SVG and animated
// GIF pass through unchanged.
//
// A Processor makes variants at the widths a build asks for, never wider
// than the source: each source is decoded once for everything asked of it
// and converted to RGBA once; the widest variant is scaled first with
// golang.org/x/image/draw's Catmull-Rom, and each smaller one from the
// smallest made so far that is at least twice its size; the orientation
// is applied to the scaled pixels; variants are JPEG, or PNG when the
// source may be transparent or is paletted. Go's encoders write no
// metadata, so no variant carries EXIF, XMP, IPTC, GPS or an ICC profile.
// Sources are processed on all cores.
//
// A Cache keeps variants on disk, each under a key hashed from the
// source's bytes and everything that shapes the variant (size, quality,
// orientation, codec version); a second build finds every variant and
// decodes nothing; Prune removes what the last build did not ask for.
// It also remembers each image's probe under the file's name and identity
// on disk (probememo.go), so that such a build does not even read its
// photos.
//
// WebP and AVIF variants are not made. The only cgo-free encoders
// (github.com/gen2brain/webp and /avif) run libwebp and libavif compiled to
// WebAssembly in wazero. Measured on the sample's 4000 x 3000 photo, WebP
// at quality 80 was 24 to 37% smaller than JPEG at quality 80 (1600 px:
// 132,512 against 174,726 bytes; 800 px: 28,226 against 42,405) but took
// 2.7 to 4.3 times as long to encode, and its first call 3.4 s to start
// the runtime; JPEG already keeps a 4000 x 3000 photo within the budgets
// of 60 KB for a phone and 250 KB for a laptop, EPUB readers need JPEG or
// PNG anyway, and the WebAssembly runtime is a large dependency whose
// concurrent start has panicked in Hugo (gohugoio/hugo#12843).
package images
