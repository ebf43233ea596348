package main

import "testing"

// TestStatsCommand runs folio stats on a small book with a draft and on
// input it cannot count: the table goes to stdout, problems to stderr with
// the exit status 1.
func TestStatsCommand(t *testing.T) {
	site := writeSite(t, map[string]string{
		"content/book/_index.md":    "---\ntitle: Short Book\n---\n",
		"content/book/01-a.md":      "---\ntitle: Alpha\n---\none two three four five\n",
		"content/book/02-b.md":      "---\ntitle: Beta\ndraft: true\n---\nsix seven\n",
		"content/book/03-c.md":      "---\ntitle: Gamma\n---\neight\n",
		"content/book/p/_index.md":  "---\ntitle: Part P\n---\n",
		"content/book/p/04-d.md":    "---\ntitle: Delta\n---\nnine ten\n",
		"content/book/05-notes.md":  "---\ntitle: Notes\nnumbered: false\n---\neleven\n",
		"content/blog/_index.md":    "---\ntitle: Blog\n---\n",
		"content/blog/a-post.md":    "---\ntitle: Post\ndate: 2026-01-01\n---\nnot counted\n",
		"content/book/img/x.png":    "an asset",
		"content/book/p/ignored.md": "---\ntitle: Epsilon\n---\n",
	})
	got := runCLI("stats", "-s", site)
	want := `Short Book (content/book/)
   #  Chapter             Words  Minutes
   1  Alpha                   5        1
      Beta                    2        1  draft
   2  Gamma                   1        1
      Notes                   1        1
      Part P                  2        1
   3    Delta                 2        1
   4    Epsilon               0        1
      Book: 6 chapters       11        1  2 words in 1 draft
`
	if got.code != 0 || got.stdout != want || got.stderr != "" {
		t.Errorf("folio stats: status %d\nstdout:\n%s\nwant:\n%s\nstderr:\n%s", got.code, got.stdout, want, got.stderr)
	}

	bad := writeSite(t, map[string]string{
		"content/book/_index.md": "---\ntitle: Book\n---\n",
		"content/book/a.md":      "---\ntitle: A\norder: first\n---\n",
	})
	got = runCLI("stats", "-s", bad)
	wantErr := "error: content/book/a.md:3: front matter key \"order\": expected a whole number such as 10, got the text \"first\"\nfolio: cannot count the book until the problem is fixed\n"
	if got.code != 1 || got.stdout != "" || got.stderr != wantErr {
		t.Errorf("folio stats on bad input: status %d\nstdout:\n%s\nstderr:\n%s\nwant:\n%s", got.code, got.stdout, got.stderr, wantErr)
	}
}
