package search

import (
	"encoding/binary"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Coaching", "coaching"},
		{"Café Déjà Vu", "cafe deja vu"},
		{"ﬁnal ＦＵＬＬ", "final full"},
		{"Straße", "straße"}, // no full case folding: JavaScript has none
		{"ΟΔΟΣ", "οδοσ"},     // final sigma as σ, as the client makes it
		{"author’s", "author's"},
		{"back↩\ufe0e", "back↩"}, // variation selectors go
		{"İstanbul", "istanbul"},
		{"हिन्दी", "हिन्दी"}, // marks of other scripts stay
	} {
		if got := Normalize(tc.in); got != tc.want {
			t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTokens(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Coaching Behaviors: Partnership", []string{"coaching", "behaviors", "partnership"}},
		{"don't stop—the author's note, 2024-05", []string{"don't", "stop", "the", "author", "note", "2024", "05"}},
		{"'quoted' words''", []string{"quoted", "words"}},
		{"élan vital", []string{"elan", "vital"}},
		{"日本語のテキスト", []string{"日本", "本語", "語の", "のテ", "テキ", "キス", "スト"}},
		{"Go 言 x", []string{"go", "言", "x"}},
		{"한국어 문장", []string{"한국", "국어", "문장"}},
		{"CJK中文mixed", []string{"cjk", "中文", "mixed"}},
		{"", nil},
	} {
		var got []string
		Tokens(Normalize(tc.in), func(w string, _ bool) { got = append(got, w) })
		if !slices.Equal(got, tc.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestStemmer checks that the inflections of a word meet at one stem in
// the languages with a stemmer, and that others are left alone.
func TestStemmer(t *testing.T) {
	for _, tc := range []struct {
		lang  string
		words []string
	}{
		{"en", []string{"coach", "coaches", "coaching", "coached"}},
		{"en-GB", []string{"listen", "listens", "listening", "listened"}},
		{"en", []string{"connect", "connected", "connecting", "connection", "connections"}},
		{"en", []string{"partnership", "partnerships"}},
		{"en", []string{"behavior", "behaviors"}},
		{"en", []string{"generous", "generously"}},
		{"fr", []string{"continu", "continua", "continuait", "continuant"}},
		{"es", []string{"canción", "canciones"}},
		{"ru", []string{"книга", "книги", "книгу"}},
		{"sv", []string{"bok", "boken"}},
	} {
		stem := Stemmer(tc.lang)
		first := stem(Normalize(tc.words[0]))
		for _, w := range tc.words[1:] {
			if got := stem(Normalize(w)); got != first {
				t.Errorf("%s: %q stems to %q, %q to %q", tc.lang, tc.words[0], first, w, got)
			}
		}
	}
	for _, tc := range []struct{ lang, word string }{
		{"de", "häuser"}, {"ja", "日本"}, {"en", "2024"}, {"en", "日本"}, {"", "coaching"},
	} {
		w := Normalize(tc.word)
		if tc.lang == "en" || HasStemmer(tc.lang) {
			if got := Stemmer(tc.lang)(w); got != w {
				t.Errorf("%s: %q stemmed to %q, want it left alone", tc.lang, w, got)
			}
			continue
		}
		if got := Stemmer(tc.lang)(w); got != w {
			t.Errorf("%s has no stemmer, yet %q became %q", tc.lang, w, got)
		}
	}
	if !HasStemmer("en-US") || HasStemmer("de") {
		t.Error("HasStemmer is wrong about en-US or de")
	}
}

func TestSections(t *testing.T) {
	body := `<p>Opening <em>words</em> here.</p><figure><img src="x.jpg" alt="a photo"><figcaption>Photo by Tom Crew</figcaption></figure>
<h2 id="first">First <code>part</code></h2><p>Text one.</p><script>var hidden = 1;</script><ul><li>item a</li><li>item b</li></ul>
<h3>No id</h3><p>Still first.</p>
<h2 id="second">Second</h2><p>Text two.</p>`
	// The text keeps its white space; its words and excerpt are what count.
	collapsed := func(ss []Section) []Section {
		for i := range ss {
			ss[i].Text = strings.Join(strings.Fields(ss[i].Text), " ")
		}
		return ss
	}
	got := collapsed(Sections(body))
	want := []Section{
		{Text: "Opening words here. Photo by Tom Crew"},
		{Anchor: "first", Heading: "First part", Text: "Text one. item a item b No id Still first."},
		{Anchor: "second", Heading: "Second", Text: "Text two."},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Sections:\n got %q\nwant %q", got, want)
	}
	// Upper-case tags, references, attributes, line breaks.
	got = collapsed(Sections("<P CLASS=x>Tom &amp; Jerry&#39;s\r\nfilm</P><H2 class=\"a\" ID=\"Up\">Big <EM>one</EM></H2><Script>x</SCRIPT>text<br/>more &lt;b&gt;"))
	want = []Section{{Text: "Tom & Jerry's film"}, {Anchor: "Up", Heading: "Big one", Text: "text more <b>"}}
	if !slices.Equal(got, want) {
		t.Errorf("Sections:\n got %q\nwant %q", got, want)
	}
	if got := Sections(`<h2 id="only">Only a heading</h2>`); len(got) != 1 || got[0].Anchor != "only" {
		t.Errorf("a page that is one heading: %q", got)
	}
}

// TestExcerpt checks that the excerpt is the start of the text, white space
// collapsed, whatever the white space of the text.
func TestExcerpt(t *testing.T) {
	long := strings.Repeat("Words of a long section,\n\n      indented\tand   spaced. ", 40)
	for _, text := range []string{"", "  \n ", "Short text.\n", "  Short\u00a0text  ", long, strings.Repeat("é ", 500), strings.Repeat("x", 2000)} {
		want := excerpt([]byte(strings.Join(strings.Fields(text), " ")))
		if got := excerpt([]byte(text)); got != want {
			t.Errorf("excerpt(%.40q…) = %q, want %q", text, got, want)
		}
		if n := utf8.RuneCountInString(want); n > ExcerptRunes+1 {
			t.Errorf("excerpt(%.40q…) has %d runes", text, n)
		}
	}
}

// FuzzExcerpt holds the excerpt to its definition: the collapsed text up
// to ExcerptRunes runes, else its first ExcerptRunes runes cut back to a
// space in their second half, and an ellipsis.
func FuzzExcerpt(f *testing.F) {
	f.Add(strings.Repeat("ab ", 100), 5)
	f.Add(strings.Repeat("x", 279)+"  y z", 0)
	f.Add("é\u00a0 \xff"+strings.Repeat("word  ", 60), 3)
	f.Fuzz(func(t *testing.T, text string, repeat int) {
		text = strings.Repeat(text, 1+min(max(repeat, 0), 50))
		var c collapser
		collapse(&c, text)
		want := string(c.b)
		if utf8.RuneCountInString(want) > ExcerptRunes {
			cut := want
			for i, n := 0, 0; ; n++ {
				if n == ExcerptRunes {
					cut = want[:i]
					break
				}
				_, size := utf8.DecodeRuneInString(want[i:])
				i += size
			}
			if j := strings.LastIndexByte(cut, ' '); j > len(cut)/2 {
				cut = cut[:j]
			}
			want = cut + "…"
		}
		if got := excerpt([]byte(text)); got != want {
			t.Errorf("excerpt(%.60q…) = %q, want %q", text, got, want)
		}
	})
}

// excerpt is appendExcerpt's excerpt alone.
func excerpt(raw []byte) string { return string(appendExcerpt(nil, raw)) }

// TestPlainASCII holds plainASCII to its definition over every block of
// eight bytes drawn from bytes of each kind.
func TestPlainASCII(t *testing.T) {
	kinds := []byte{'a', ' ', '\n', 0x1f, 0x7f, 0x80, 0xff}
	var b [8]byte
	for n := range int(math.Pow(float64(len(kinds)), 8)) {
		for i := range b {
			b[i], n = kinds[n%len(kinds)], n/len(kinds)
		}
		for _, lead := range []bool{false, true} {
			want := lead || b[0] != ' '
			for i, c := range b {
				want = want && c >= 0x20 && c < 0x80 && (c != ' ' || i < 7 && b[i+1] != ' ')
			}
			if got := plainASCII(binary.LittleEndian.Uint64(b[:]), lead); got != want {
				t.Fatalf("plainASCII(%q, %v) = %v", b, lead, got)
			}
		}
	}
}
