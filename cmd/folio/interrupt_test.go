package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"folio/internal/images"
)

func TestMain(m *testing.M) {
	// The interrupt tests run this binary as folio itself.
	if os.Getenv("FOLIO_TEST_AS_FOLIO") == "1" {
		main()
	}
	// The tests' builds of the sample site share one image cache.
	images.ShareTestCache()
	os.Exit(m.Run())
}

// SIGINT and SIGTERM during a build remove its staging folder, leave the
// previous output as it was and exit 130 and 143. The build is held in the
// middle by a named pipe in static/: it blocks reading it, and our opening
// the pipe for writing returns exactly when the build has opened it.
func TestInterruptRemovesStaging(t *testing.T) {
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			site := writeSite(t, goodSite)
			if r := runCLI("build", "-s", site, "-q"); r.code != 0 {
				t.Fatalf("first build: %+v", r)
			}
			before := snapshot(t, filepath.Join(site, "public"))
			pipe := filepath.Join(site, "static", "pipe.txt")
			if err := syscall.Mkfifo(pipe, 0o644); err != nil {
				t.Skipf("no named pipes here: %v", err)
			}
			cmd := exec.Command(os.Args[0], "build", "-s", site, "-q")
			cmd.Env = append(os.Environ(), "FOLIO_TEST_AS_FOLIO=1")
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			w, err := os.OpenFile(pipe, os.O_WRONLY, 0) // returns once the build reads it
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			if !hasStaging(t, site) {
				t.Fatal("no staging folder while the build runs")
			}
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			err = cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != tc.code {
				t.Fatalf("exit: %v, want status %d", err, tc.code)
			}
			if hasStaging(t, site) {
				t.Error("the staging folder survived the interrupt")
			}
			if after := snapshot(t, filepath.Join(site, "public")); !equalFiles(before, after) {
				t.Error("the previous output changed")
			}
		})
	}
}

func hasStaging(t *testing.T, dir string) bool {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join(dir, ".public.folio-*"))
	if err != nil {
		t.Fatal(err)
	}
	return len(matches) > 0
}

// Ctrl-C while folio serve runs its first build (seconds on a large site)
// stops it at once, with status 0, rather than when the build ends. The
// build is held by a named pipe in static/, which the test opens for
// writing: that returns when the build has opened it to read.
func TestServeInterruptDuringFirstBuild(t *testing.T) {
	site := writeSite(t, goodSite)
	pipe := filepath.Join(site, "static", "pipe.txt")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	cmd := exec.Command(os.Args[0], "serve", "-q", "-s", site, "--port", "0")
	cmd.Env = append(os.Environ(), "FOLIO_TEST_AS_FOLIO=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	opened := make(chan *os.File, 1)
	go func() {
		w, err := os.OpenFile(pipe, os.O_WRONLY, 0) // returns once the build reads it
		if err != nil {
			t.Error(err)
		}
		opened <- w
	}()
	select {
	case w := <-opened:
		if w != nil {
			defer w.Close()
		}
	case <-time.After(waitLimit):
		t.Fatal("the first build never read the named pipe")
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("exit: %v, want status 0", err)
		}
	case <-time.After(waitLimit):
		t.Fatal("folio serve did not stop on SIGINT during its first build")
	}
}
