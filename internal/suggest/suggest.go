// Package suggest owns folio's "did you mean" answers: given a word an
// author typed (a command, a flag, a folio.yaml key) and the words that
// would have been understood, it names the one the author most likely
// meant, and only when it is close enough to be a typo rather than a guess.
package suggest

import (
	"sort"
	"strings"
)

// Nearest returns the candidate nearest to word by edit distance (case
// aside), and false when none is close: a candidate counts as close when at
// most a third of it, and never more than three letters, would have to
// change, or when one spelling contains the other and they share at least
// half of their letters ("minify" for "no-minify"). Ties go to the first
// candidate in sorted order, so the answer never depends on map order.
func Nearest(word string, candidates []string) (string, bool) {
	w := strings.ToLower(word)
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	best, bestD := "", -1
	for _, c := range sorted {
		d := Distance(w, strings.ToLower(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" || w == "" {
		return "", false
	}
	if bestD <= min(3, max(1, len(best)/3)) && bestD < len(best) && bestD < len(w) {
		return best, true
	}
	for _, c := range sorted {
		lc := strings.ToLower(c)
		if (strings.Contains(lc, w) || strings.Contains(w, lc)) && 2*min(len(w), len(lc)) >= max(len(w), len(lc)) {
			return c, true
		}
	}
	return "", false
}

// Distance is the edit distance between a and b counting a swap of two
// neighbouring letters as one edit ("buidl" is one edit from "build"), as
// typing mistakes go (optimal string alignment); counted in bytes, since
// the words it compares are ASCII names.
func Distance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
