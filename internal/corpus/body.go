package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// features are the block-level extras a page carries, each placed in one
// section so a page reads like prose with the odd list or table, not a
// specimen sheet.
type features struct {
	list, quote, table, figure, sub, footnotes, code, callout int // section index, or -1
}

func (p *plan) pickFeatures(r *rand.Rand, sections int) features {
	at := func(percent int) int {
		if r.IntN(100) < percent {
			return r.IntN(sections)
		}
		return -1
	}
	f := features{list: at(60), quote: at(25), table: at(8), sub: at(40), footnotes: at(70), figure: -1,
		code: at(15), callout: at(10)}
	if len(p.photos) > 0 {
		f.figure = at(10)
	}
	return f
}

// renderBody writes the Markdown body of a chapter or post.
func (p *plan) renderBody(w *prose, pg *pagePlan, more bool) {
	f := p.pickFeatures(w.r, len(pg.headings))
	w.paragraph(3 + w.r.IntN(3))
	w.buf.WriteString("\n\n")
	if more {
		w.buf.WriteString("<!--more-->\n\n")
	}
	per := max(40, (p.counts.Words-w.words)/len(pg.headings))
	notes := 0
	for k, h := range pg.headings {
		fmt.Fprintf(w.buf, "## %s {#%s}\n\n", h.text, h.id)
		target := w.words + per
		p.writeLinks(w, pg, k)
		if f.footnotes == k {
			notes = 1 + w.r.IntN(2)
			w.paragraph(2)
			for n := 1; n <= notes; n++ {
				w.buf.WriteByte(' ')
				w.sentence()
				fmt.Fprintf(w.buf, "[^%d]", n)
			}
			w.buf.WriteString("\n\n")
		}
		p.writeExtras(w, pg, f, k)
		for w.words < target {
			w.paragraph(2 + w.r.IntN(4))
			w.buf.WriteString("\n\n")
		}
	}
	for n := 1; n <= notes; n++ {
		fmt.Fprintf(w.buf, "[^%d]: ", n)
		w.paragraph(1 + w.r.IntN(2))
		w.buf.WriteString("\n")
	}
}

func (p *plan) writeExtras(w *prose, pg *pagePlan, f features, k int) {
	if f.sub == k {
		fmt.Fprintf(w.buf, "### %s\n\n", w.title())
		w.paragraph(2)
		w.buf.WriteString("\n\n")
	}
	if f.list == k {
		writeList(w)
	}
	if f.quote == k {
		w.buf.WriteString("> ")
		w.paragraph(1 + w.r.IntN(2))
		w.buf.WriteString("\n\n")
	}
	if f.table == k {
		writeTable(w)
	}
	if f.code == k {
		writeCode(w)
	}
	if f.callout == k {
		fmt.Fprintf(w.buf, "> [!%s]\n> ", pick(w.r, calloutTypes))
		w.paragraph(1 + w.r.IntN(2))
		w.buf.WriteString("\n\n")
	}
	if f.figure == k {
		ph := p.photos[w.r.IntN(len(p.photos))]
		caption := w.title()
		fmt.Fprintf(w.buf, "![%s](%s %q)\n\n", strings.TrimSuffix(ph.alt, "."), p.photoSrc(pg.path, ph), caption)
	}
}

// writeLinks puts the page's planned cross-links that fall in section k
// into one paragraph, linking by .md path and explicit heading id.
func (p *plan) writeLinks(w *prose, pg *pagePlan, k int) {
	wrote := false
	for i, l := range pg.links {
		if i%len(pg.headings) != k {
			continue
		}
		t := p.pages[l.target]
		href, text := p.linkTo(pg.path, t), t.title
		if l.heading >= 0 {
			h := t.headings[l.heading]
			href, text = href+"#"+h.id, h.text
		}
		if wrote {
			w.buf.WriteByte(' ')
		}
		switch w.r.IntN(3) {
		case 0:
			fmt.Fprintf(w.buf, "See [%s](%s) for more on the %s.", text, href, pick(w.r, nouns))
		case 1:
			fmt.Fprintf(w.buf, "As [%s](%s) suggests, ", text, href)
			w.fill(templates[0])
			w.flush(true, false)
		default:
			w.sentence()
			fmt.Fprintf(w.buf, " This returns to [%s](%s).", text, href)
		}
		w.words += 4
		wrote = true
	}
	if wrote {
		w.buf.WriteString("\n\n")
	}
}

func writeList(w *prose) {
	ordered := w.r.IntN(3) == 0
	for i := range 3 + w.r.IntN(3) {
		if ordered {
			fmt.Fprintf(w.buf, "%d. ", i+1)
		} else {
			w.buf.WriteString("- ")
		}
		w.fragment()
		w.buf.WriteString("\n")
	}
	w.buf.WriteString("\n")
}

func writeTable(w *prose) {
	w.buf.WriteString("| Step | Focus | Note |\n| ---: | --- | --- |\n")
	for i := range 3 + w.r.IntN(3) {
		fmt.Fprintf(w.buf, "| %d | %s | ", i+1, pick(w.r, nouns))
		w.fragment()
		w.buf.WriteString(" |\n")
	}
	w.buf.WriteString("\n")
}

// photoSrc is the photo's path relative to the page at from (in the Hugo
// variant, its URL).
func (p *plan) photoSrc(from string, ph photoPlan) string {
	if p.hugo {
		return "/" + p.imgDir + "/" + ph.file
	}
	return relPath(from, p.imgDir+"/"+ph.file)
}

var calloutTypes = []string{"NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"}

// codeSamples are the fenced blocks a page may carry, in the languages
// manuscripts show most; %[1]s and %[2]s are words of the vocabulary.
var codeSamples = []string{
	"```go\nfunc %[1]s(%[2]s []string) int {\n\tn := 0\n\tfor _, s := range %[2]s {\n\t\tn += len(s) // count\n\t}\n\treturn n\n}\n```\n\n",
	"```python {linenos=true hl_lines=[2]}\ndef %[1]s(%[2]s):\n    return [x * 2 for x in %[2]s if x > 0]\n```\n\n",
	"```js\nconst %[1]s = (%[2]s) => %[2]s.map((x) => `${x}!`);\n```\n\n",
	"```sh\nfolio build --strict && echo \"%[1]s %[2]s\"\n```\n\n",
	"```yaml\n%[1]s:\n  %[2]s: true\n  order: 10\n```\n\n",
}

func writeCode(w *prose) {
	fmt.Fprintf(w.buf, pick(w.r, codeSamples), pick(w.r, nouns), pick(w.r, nouns)+"s")
}
