package main

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkServeStart10000 times what an author waits for after typing
// folio serve in a 10,000-page site already on disk: from starting the
// process to the first page served, asked for as soon as the address is
// printed, as a browser opened at once would. Each run is a new process
// (this test binary run as folio), so that each starts as the command
// does: with an empty heap, the templates to parse and the sources to
// read. Timed in one process, a run found what the runs before it left:
// after the edit benchmarks' 10,000-page sessions it took 0.99 s where
// it took 0.77 s alone (quiet machine), and on a busy one the first run
// spent 1.1 s of system time in page faults growing the heap that later
// runs found grown (0.3 s). The site is the generated one, not a copy
// made just before, since folio serve writes nothing into it.
//
// first-page-ms is the median wall time; first-page-cpu-ms the CPU time
// (user and system, all threads) the process had used when the page came,
// steadier than wall time on a shared machine (Linux only).
func BenchmarkServeStart10000(b *testing.B) {
	dir := benchSite(b, 10000)
	_, chapterPage := benchChapter(b, dir)
	var took, cpu []time.Duration
	for b.Loop() {
		d, c := serveFirstPage(b, dir, chapterPage)
		took = append(took, d)
		if c > 0 {
			cpu = append(cpu, c)
		}
	}
	report(b, "first-page-", took)
	report(b, "first-page-cpu-", cpu)
}

// benchSite generates (once per machine) a site of the given size and
// returns its folder, for benchmarks that only read it.
func benchSite(b *testing.B, pages int) string {
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("folio-bench-%d", pages))
	benchCorpus(b, pages) // generates dir when missing
	return dir
}

// serveFirstPage starts folio serve on dir as a new process, asks for page
// once it prints its address, and returns the time from the start to the
// page and the CPU time the process had used by then (0 where unknown).
func serveFirstPage(b *testing.B, dir, page string) (took, cpu time.Duration) {
	cmd := exec.Command(os.Args[0], "serve", "-q", "-s", dir, "--port", "0")
	cmd.Env = append(os.Environ(), "FOLIO_TEST_AS_FOLIO=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Kill() // the rest of the first build is not timed
		_ = cmd.Wait()
	}()
	line, err := bufio.NewReader(out).ReadString('\n')
	go io.Copy(io.Discard, out) // the rest of its output
	at := strings.Index(line, " at http://")
	if err != nil || at < 0 {
		b.Fatalf("folio serve printed %q: %v", line, err)
	}
	url := strings.Fields(line[at+len(" at "):])[0]
	resp, err := http.Get(strings.TrimSuffix(url, "/") + page)
	if err != nil {
		b.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	took = time.Since(start)
	if err != nil || resp.StatusCode != 200 || !strings.Contains(string(body), "<h1>") {
		b.Fatalf("first page: %d %v", resp.StatusCode, err)
	}
	return took, processCPU(cmd.Process.Pid)
}

// processCPU is the user and system time process pid has used, from
// /proc (Linux); 0 elsewhere.
func processCPU(pid int) time.Duration {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The fields after the command name, which is in parentheses:
	// utime and stime are the 14th and 15th fields, in clock ticks (100 Hz).
	f := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * 10 * time.Millisecond
}
