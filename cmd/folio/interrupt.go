package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"folio/internal/output"
)

// onInterrupt makes Ctrl-C (SIGINT) and SIGTERM during a build stop it
// (removing its new staging folder, or leaving the spare it was updating
// for the next build) and exit 130 or 143, as shells report
// a process ended by those signals. The previous output is left as it was.
// The returned function ends the handling, once the build is over.
func onInterrupt(stderr io.Writer) (stop func()) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-sigs:
			if output.AbortAll() {
				fmt.Fprintf(stderr, "folio: %s just after the new site was published; it is live\n", signalName(s))
			} else {
				fmt.Fprintf(stderr, "folio: %s; the build was stopped, the previous output is unchanged\n", signalName(s))
			}
			os.Exit(128 + signalNumber(s))
		case <-done:
		}
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
	}
}

func signalName(s os.Signal) string {
	if s == syscall.SIGTERM {
		return "terminated (SIGTERM)"
	}
	return "interrupted"
}

func signalNumber(s os.Signal) int {
	if n, ok := s.(syscall.Signal); ok {
		return int(n)
	}
	return int(syscall.SIGINT)
}
