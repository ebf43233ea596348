package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"folio/internal/build"
	"folio/internal/check"
	"folio/internal/config"
	"folio/internal/siteurl"
)

// checkFlags are the settings of one folio check.
type checkFlags struct {
	site     siteFlags
	external bool
	maxAge   time.Duration
}

func runCheck(args []string, c *console) int {
	var f checkFlags
	if exit, ok := checkCommand(&f, c).parseFlagsOnly(args, c); !ok {
		return exit
	}
	c.settings(f.site)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	opts := f.site.options()
	site, err := build.SiteFS(opts.Source)
	var cfg config.Config
	if err == nil {
		cfg, err = build.Configure(site, opts)
	}
	if err != nil {
		fmt.Fprintf(c.err, "folio check: %v\n", err)
		return 2
	}
	dir := opts.Output
	if dir == "" {
		tmp, err := os.MkdirTemp("", "folio-check-")
		if err != nil {
			fmt.Fprintf(c.err, "folio check: %v\n", err)
			return 1
		}
		defer os.RemoveAll(tmp)
		dir = filepath.Join(tmp, "public")
		opts.Output = dir
		if !buildToCheck(opts, c) {
			return 1
		}
	} else if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		fmt.Fprintf(c.err, "folio check: -o %s is not a folder; build the site first (folio build -o %s) or leave -o out\n", dir, dir)
		return 2
	} else if f.site.baseURL == "" {
		cfg.BaseURL = builtBase(dir, cfg.BaseURL, c)
	}
	copts := check.Options{Base: siteurl.New(cfg.BaseURL), Source: sourcesOf(opts)}
	if f.external {
		copts.External = check.External{Enabled: true, MaxAge: f.maxAge, Cache: linkCache()}
	}
	return checkDir(ctx, dir, copts, f.external, c)
}

// checkCommand declares folio check's flags, filling f (and c's verbosity).
func checkCommand(f *checkFlags, c *console) *command {
	fs := newCommand("check", "check [flags]", "Builds the site into a temporary folder (or reads the built site given with -o) and checks every\n"+
		"link, anchor, image, srcset, stylesheet, feed and sitemap URL of the output, raw HTML included.\n"+
		"Each problem names the output file and, where known, the source file and line. Exit status 1 on a problem.")
	fs.StringVar(&f.site.source, "s", ".", "the site `folder` (holding content/, and optionally folio.yaml, layouts/, static/)")
	fs.StringVar(&f.site.output, "o", "", "check this built `folder` as it is instead of building the site")
	fs.StringVar(&f.site.baseURL, "base-url", "", "the site's absolute `URL`, overriding base_url in folio.yaml")
	fs.BoolVar(&f.site.drafts, "drafts", false, "include pages with draft: true")
	fs.BoolVar(&f.site.future, "future", false, "include posts dated in the future")
	fs.BoolVar(&f.external, "external", false, "also check links to other sites over the network (answers are cached)")
	fs.DurationVar(&f.maxAge, "cache-age", 24*time.Hour, "how long a good answer from another site is trusted (with --external)")
	fs.BoolVar(&c.quiet, "q", false, "print nothing but the problems")
	fs.BoolVar(&c.verbose, "v", false, "also print the settings in effect")
	return fs
}

// buildToCheck builds the site into opts.Output for checking, printing its
// warnings and errors; it reports whether the site built.
func buildToCheck(opts build.Options, c *console) bool {
	res, err := build.Build(opts)
	c.warnBuild(res, err)
	if err != nil {
		c.problems(c.err, err)
		fmt.Fprintln(c.err, "folio check: the site does not build; fix the errors above first")
		return false
	}
	return true
}

// checkDir checks the built folder dir, prints each problem and a summary
// line, and returns the exit status: 1 on a problem.
func checkDir(ctx context.Context, dir string, copts check.Options, external bool, c *console) int {
	rep, err := check.Dir(ctx, dir, copts)
	if err != nil {
		fmt.Fprintf(c.err, "folio check: %v\n", err)
		return 1
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(c.err, "%s %s\n", c.label("error:", red), p)
	}
	ext := ""
	if external {
		ext = fmt.Sprintf(", %d links to other sites (%d answered from the cache)", rep.External, rep.Cached)
	}
	verdict := "no problems"
	if n := len(rep.Problems); n > 0 {
		verdict = plural(n, "1 problem", "problems")
	}
	c.info("checked %d URLs in %d files%s: %s", rep.URLs, rep.Files, ext, verdict)
	if len(rep.Problems) > 0 {
		return 1
	}
	return 0
}

// builtBase is the base URL to check the built folder dir against when
// --base-url is not given: the one it was built for (its robots.txt says
// it; see check.BuiltFor) when that differs from folio.yaml's, which
// happens when it was built with --base-url, or when the site folder names
// none (folio check -o run outside the site); configured otherwise. Only a
// base that differs from one folio.yaml names is worth a line.
func builtBase(dir, configured string, c *console) string {
	built, known, err := check.BuiltFor(dir)
	if err != nil || !known || strings.TrimSuffix(built, "/") == strings.TrimSuffix(configured, "/") {
		return configured
	}
	if configured == "" {
		return built // no folio.yaml names one here (folio check -o run elsewhere): nothing to tell apart
	}
	say := built
	if built == "" {
		say = "no base URL"
	}
	c.info("%s was built for %s (its robots.txt says so), not for folio.yaml's base_url: checking it as built (--base-url overrides)", dir, say)
	return built
}

// sourcesOf maps each output file of a page to its source file and text,
// from the site's model; nil when the site cannot be loaded (a folder
// checked with -o alone).
func sourcesOf(opts build.Options) func(string) (string, []byte) {
	files, err := build.SourceFiles(opts)
	if err != nil || len(files) == 0 {
		return nil
	}
	return func(out string) (string, []byte) {
		file := files[out]
		if file == "" {
			return "", nil
		}
		text, err := os.ReadFile(filepath.Join(opts.Source, file))
		if err != nil {
			return file, nil
		}
		return file, text
	}
}

// linkCache is the file in which --external keeps its answers.
func linkCache() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "folio", "links.json")
}
