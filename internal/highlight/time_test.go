package highlight

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/dlclark/regexp2/v2"
)

// hostileEnv names the mode a test process runs in under a clock on which
// every regexp2 deadline has passed as soon as it is made (see
// TestHighlightIgnoresTime).
const hostileEnv = "FOLIO_HIGHLIGHT_HOSTILE_CLOCK"

// timeoutRules is a rule that, when chroma compiles a lexer, sets every
// compiled rule's match timeout to d and then removes itself: the knob
// chroma gives (LexerMutator) to reach the timeouts it sets.
type timeoutRules struct{ d time.Duration }

func (timeoutRules) Mutate(*chroma.LexerState) error { return nil }

func (m timeoutRules) MutateLexer(rules chroma.CompiledRules, state string, i int) error {
	rules[state] = slices.Delete(slices.Clone(rules[state]), i, i+1)
	for _, rs := range rules {
		for _, r := range rs {
			r.Regexp.MatchTimeout = m.d
		}
	}
	return nil
}

// timedLexer is a copy of the lexer of lang whose rules time out after d
// rather than chroma's 250 ms.
func timedLexer(t *testing.T, lang string, d time.Duration) chroma.Lexer {
	t.Helper()
	orig, ok := lexers.Get(lang).(*chroma.RegexLexer)
	if !ok {
		t.Fatalf("the %s lexer is not a regex lexer", lang)
	}
	rules, err := orig.Rules()
	if err != nil {
		t.Fatal(err)
	}
	l, err := chroma.NewLexer(orig.Config(), func() chroma.Rules {
		out := rules.Clone()
		out["root"] = append([]chroma.Rule{{Mutator: timeoutRules{d}}}, out["root"]...)
		return out
	})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// longString is JSON whose string is one token that a single match of
// the lexer's string rule takes in.
var longString = `{"quote": "` + strings.Repeat("word ", 200) + `"}` + "\n"

// TestHighlightIgnoresTime: folio's highlighting does not depend on time.
// Under a clock on which every match's deadline has passed at once (the
// state of a machine so loaded that chroma's 250 ms run out, made certain
// rather than likely), chroma's timeout fires and changes the output: the
// string's rule loses and its characters come out as Error tokens. folio's
// Write, under the same clock, writes what it writes on an idle machine.
// And a block that would be lexed for ever is given up on at the Budget
// and written plain. Each runs in a process of its own, since the clock is
// regexp2's, one per process, and must be set before its first match.
func TestHighlightIgnoresTime(t *testing.T) {
	want := writeString(t, lexerFor("json"))
	if strings.Contains(want, `class="err"`) {
		t.Fatalf("the string has errors on an ordinary clock:\n%.300s", want)
	}
	for _, mode := range []string{"chroma", "folio", "budget"} {
		// A process that hangs is stopped rather than waited for.
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestHostileClock$", "-test.v")
		cmd.Env = append(os.Environ(), hostileEnv+"="+mode)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("under a clock where every deadline has passed, %s: %v\n%s", mode, err, out)
		}
	}
}

// TestHostileClock is TestHighlightIgnoresTime's process: it ticks regexp2's
// clock every millisecond, which rounds a deadline of a nanosecond plus one
// tick to now, and lexes longString with every match timing out after a
// nanosecond.
func TestHostileClock(t *testing.T) {
	mode := os.Getenv(hostileEnv)
	if mode == "" {
		t.Skip("run by TestHighlightIgnoresTime")
	}
	if mode == "budget" {
		overBudget(t)
		return
	}
	regexp2.SetTimeoutCheckPeriod(time.Millisecond)
	timed := timedLexer(t, "json", time.Nanosecond)
	switch mode {
	case "chroma":
		it, err := timed.Tokenise(nil, longString)
		if err != nil {
			t.Fatal(err)
		}
		errs := 0
		for _, tok := range it.Tokens() {
			if tok.Type == chroma.Error {
				errs++
			}
		}
		if errs < len(longString)/2 {
			t.Errorf("chroma's timeouts left %d Error tokens in %d characters; want most of them", errs, len(longString))
		}
	case "folio":
		if got := writeString(t, timed); strings.Contains(got, `class="err"`) || !strings.Contains(got, `<span class="s2">&#34;word word`) {
			t.Errorf("folio's Write under a clock where every deadline has passed:\n%.600s", got)
		}
	}
}

// overBudget writes a block that makes the Bash lexer backtrack for ever
// (a string left open after 40 escapes: about 2^40 ways to read them) with
// a budget of a millisecond: Write gives up, writes it plain and says so.
func overBudget(t *testing.T) {
	budget = time.Millisecond
	code := `echo "` + strings.Repeat(`\1`, 40) + "\n"
	var b strings.Builder
	err := Write(&b, code, Options{Lang: "bash"})
	want := `<pre tabindex="0"><code class="language-bash" data-lang="bash">echo &#34;\1\1`
	if !errors.Is(err, ErrTooSlow) || !strings.HasPrefix(b.String(), want) {
		t.Errorf("Write of a block lexed for ever returned %v and wrote\n%s\nwant ErrTooSlow and\n%s…", err, b.String(), want)
	}
}

// writeString writes longString as JSON with the lexer given.
func writeString(t *testing.T, l chroma.Lexer) string {
	t.Helper()
	var b strings.Builder
	if err := write(&b, longString, Options{Lang: "json"}, l); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestWriteTooLarge: a block over MaxBytes is written plain with its
// language's class, and one of MaxBytes highlighted; a block without a
// language is never too large, as it is not lexed.
func TestWriteTooLarge(t *testing.T) {
	line := "x := 1 // a line of Go\n"
	atMax := strings.Repeat(line, MaxBytes/len(line)) + strings.Repeat(" ", MaxBytes%len(line))
	over := atMax + "y"
	for _, tt := range []struct {
		name, code string
		opts       Options
		too        bool
		want       string
	}{
		{"at the limit", atMax, Options{Lang: "go"}, false, `<pre class="chroma" tabindex="0"><code class="language-go" data-lang="go"><span class="line"><span class="cl"><span class="nx">x</span>`},
		{"over it", over, Options{Lang: "go", LineNumbers: true}, true, `<pre tabindex="0"><code class="language-go" data-lang="go">x := 1 // a line of Go` + "\n"},
		{"over it without a language", over, Options{}, false, `<pre tabindex="0"><code>x := 1`},
	} {
		if got := TooLarge(len(tt.code), tt.opts); got != tt.too {
			t.Errorf("%s: TooLarge = %v, want %v", tt.name, got, tt.too)
		}
		var b strings.Builder
		if err := Write(&b, tt.code, tt.opts); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(b.String(), tt.want) || !strings.HasSuffix(b.String(), "y</code></pre>\n") && tt.code == over {
			t.Errorf("%s: Write wrote\n%.200s…%s", tt.name, b.String(), b.String()[max(0, b.Len()-40):])
		}
	}
}
