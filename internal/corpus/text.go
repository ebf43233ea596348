package corpus

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// prose writes English-looking sentences from the vocabulary into buf and
// counts the words it wrote, so a page can stop near its word budget.
type prose struct {
	r     *rand.Rand
	buf   *bytes.Buffer
	words int
	toks  []string // scratch, reused between sentences
	decor []int    // indexes of tokens that may be emphasised
	plain bool     // no inline Markdown, for front matter text
}

// Slot codes in sentence templates.
const (
	slotDet   = 'D'
	slotAdj   = 'A'
	slotNoun  = 'N'
	slotVerb  = 'V' // base form, after a plural subject or a modal
	slotVerb3 = 'T' // third person singular
	slotPrep  = 'P'
	slotAdv   = 'R'
	slotConj  = 'C'
	slotSubj  = 'S'
	slotModal = 'M'
	slotComma = ','
	slotDash  = '-'
)

// templates are sentence shapes; the last byte is the closing punctuation.
var templates = []string{
	"DANTDNPDN.",
	"PDAN,DNTDN.",
	"SMVDANCSVDN.",
	"R,DNTDN.",
	"DNPDNTDAN.",
	"SVDN,CDNTR.",
	"DAN-DNPDN-TDN.",
	"SMVDNPDN.",
	"DNTR,CDANTDN.",
	"CDNTDAN,SMVDN.",
	"MSVDANPDN?",
}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// verbs3 holds the third-person forms, derived once rather than per word.
var verbs3 = func() []string {
	v := make([]string, len(verbs))
	for i, b := range verbs {
		v[i] = thirdPerson(b)
	}
	return v
}()

// thirdPerson turns a base verb into its he/she/it form.
func thirdPerson(v string) string {
	switch {
	case strings.HasSuffix(v, "s"), strings.HasSuffix(v, "x"), strings.HasSuffix(v, "ch"), strings.HasSuffix(v, "sh"):
		return v + "es"
	case strings.HasSuffix(v, "y") && !strings.ContainsRune("aeiou", rune(v[len(v)-2])):
		return v[:len(v)-1] + "ies"
	}
	return v + "s"
}

// sentence writes one sentence with light inline Markdown: emphasis, strong
// emphasis, code spans and straight quotes, which the typographer curls.
func (p *prose) sentence() {
	p.fill(templates[p.r.IntN(len(templates))])
	p.flush(true, true)
}

// fill turns a template into tokens; the last token is the punctuation.
func (p *prose) fill(tmpl string) {
	p.toks, p.decor = p.toks[:0], p.decor[:0]
	for i := 0; i < len(tmpl); i++ {
		var w string
		switch tmpl[i] {
		case slotDet:
			w = pick(p.r, determiners)
		case slotAdj:
			w = pick(p.r, adjectives)
			p.decor = append(p.decor, len(p.toks))
		case slotNoun:
			w = pick(p.r, nouns)
			p.decor = append(p.decor, len(p.toks))
		case slotVerb:
			w = pick(p.r, verbs)
		case slotVerb3:
			w = pick(p.r, verbs3)
		case slotPrep:
			w = pick(p.r, prepositions)
		case slotAdv:
			w = pick(p.r, adverbs)
		case slotConj:
			w = pick(p.r, conjunctions)
		case slotSubj:
			w = pick(p.r, subjects)
		case slotModal:
			w = pick(p.r, modals)
		case slotComma:
			w = ","
		case slotDash:
			w = "--"
		default:
			w = string(tmpl[i])
		}
		p.toks = append(p.toks, w)
	}
}

// flush writes the current tokens; with punct the last one is closing
// punctuation and is attached to the word before it; with capital the
// first word is capitalized.
func (p *prose) flush(punct, capital bool) {
	n := len(p.toks)
	for i := 0; i+1 < n; i++ {
		if p.toks[i] == "a" {
			p.toks[i] = article(p.toks[i+1])
		}
	}
	if capital {
		p.toks[0] = capitalize(p.toks[0])
	}
	if len(p.decor) > 0 && !p.plain && p.r.IntN(4) == 0 {
		i := p.decor[p.r.IntN(len(p.decor))]
		p.toks[i] = decorate(p.r.IntN(8), p.toks[i])
	}
	for i, t := range p.toks {
		if t == "," || punct && i == n-1 {
			p.buf.WriteString(t)
			continue
		}
		if i > 0 {
			p.buf.WriteByte(' ')
		}
		p.buf.WriteString(t)
		if t != "--" {
			p.words++
		}
	}
}

func decorate(kind int, w string) string {
	switch kind {
	case 0, 1, 2:
		return "*" + w + "*"
	case 3:
		return "**" + w + "**"
	case 4:
		return "`" + strings.ToLower(w) + "`"
	case 5:
		return `"` + w + `"`
	}
	return w
}

// article is "a" or "an" for the word that follows, by sound: "an honest",
// "a useful".
func article(next string) string {
	switch {
	case strings.HasPrefix(next, "use"), strings.HasPrefix(next, "usu"):
		return "a"
	case strings.HasPrefix(next, "hon"), strings.HasPrefix(next, "hour"):
		return "an"
	case strings.ContainsRune("aeiou", rune(next[0])):
		return "an"
	}
	return "a"
}

func capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// title returns a short title-cased phrase for headings and page titles.
func (p *prose) title() string {
	var words []string
	switch p.r.IntN(5) {
	case 0:
		words = []string{"on", pick(p.r, nouns)}
	case 1:
		words = []string{pick(p.r, adjectives), pick(p.r, nouns)}
	case 2:
		words = []string{"the", pick(p.r, adjectives), pick(p.r, nouns)}
	case 3:
		words = []string{pick(p.r, nouns), "and", pick(p.r, nouns)}
	default:
		n := pick(p.r, nouns)
		words = []string{"how", "to", pick(p.r, verbs), article(n), n}
	}
	for i, w := range words {
		if i == 0 || len(w) > 3 {
			words[i] = capitalize(w)
		}
	}
	return strings.Join(words, " ")
}

// paragraph writes n sentences separated by spaces (no trailing newline).
func (p *prose) paragraph(n int) {
	for i := range n {
		if i > 0 {
			p.buf.WriteByte(' ')
		}
		p.sentence()
	}
}

// fragment writes a short phrase for list items and table cells.
func (p *prose) fragment() {
	p.fill("ANPDN")
	p.flush(false, true)
}
