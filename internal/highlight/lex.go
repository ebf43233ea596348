package highlight

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/dlclark/regexp2/v2"
)

// Budget is how long chroma may take to lex one block. A block lexed
// within it is highlighted the same on any machine; one that takes longer
// is written plain, and Write says so with ErrTooSlow.
//
// chroma gives each match of its lexers' patterns a timeout of 250 ms,
// which counts as no match when it runs out. regexp2, which runs the
// patterns, notices a timeout only when its timeout clock ticks, and a
// deadline is the timeout plus one period of that clock; folio sets the
// period to Budget (regexp2.SetTimeoutCheckPeriod, before the first
// match), so that the clock's next tick past a deadline comes at least
// Budget after the match began: no match of a lexing that ends within
// Budget has timed out. A match that backtracks for longer is cut within
// about twice Budget, so that the lexing given up on stops.
const Budget = 30 * time.Second

// budget is Budget, which a test may shorten before the first Write.
var budget = Budget

// ErrTooSlow says that chroma took longer than Budget to lex a block,
// which Write wrote plain.
var ErrTooSlow = errors.New("lexing took longer than " + Budget.String())

// clockSet sets regexp2's timeout clock once, before the first match
// starts it.
var clockSet sync.Once

// lex lexes code into coalesced tokens on a goroutine of its own, and
// gives up once it has taken longer than budget: the goroutine stops at
// its next token, once regexp2 has cut the match under way.
func lex(lexer chroma.Lexer, code string) ([]chroma.Token, error) {
	clockSet.Do(func() { regexp2.SetTimeoutCheckPeriod(budget) })
	stop := &atomic.Bool{}
	it, err := chroma.Coalesce(stoppable{lexer, stop}).Tokenise(nil, code)
	if err != nil {
		return nil, err
	}
	done := make(chan []chroma.Token, 1)
	go func() { done <- it.Tokens() }()
	timer := time.NewTimer(budget)
	defer timer.Stop()
	select {
	case tokens := <-done:
		return tokens, nil
	case <-timer.C:
		stop.Store(true)
		return nil, ErrTooSlow
	}
}

// stoppable is a lexer whose tokens end once stop is set.
type stoppable struct {
	chroma.Lexer
	stop *atomic.Bool
}

func (s stoppable) Tokenise(o *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	it, err := s.Lexer.Tokenise(o, text)
	if err != nil {
		return nil, err
	}
	return func() chroma.Token {
		if s.stop.Load() {
			return chroma.EOF
		}
		return it()
	}, nil
}
