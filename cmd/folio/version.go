package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

func runVersion(args []string, c *console) int {
	cmd := newCommand("version", "version", "Prints folio's module version, the revision it was built from, and the Go toolchain;\nput it in a bug report.")
	args, exit, ok := cmd.parse(args, c)
	if !ok {
		return exit
	}
	if len(args) > 0 {
		fmt.Fprintf(c.err, "folio version: unexpected argument %q\n", args[0])
		return 2
	}
	info, _ := debug.ReadBuildInfo()
	fmt.Fprintln(c.out, versionLine(info))
	return 0
}

// versionLine says which folio this is: the module version (a tag when
// installed with go install folio@v1.2.0, "(devel)" when built from a
// clone), the VCS revision and its time, whether the tree had uncommitted
// changes, and the Go toolchain and platform.
func versionLine(info *debug.BuildInfo) string {
	version, rev, when, modified := "(unknown)", "", "", false
	if info != nil {
		version = info.Main.Version
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if version == "" {
		version = "(devel)"
	}
	line := "folio " + version
	switch {
	case rev != "":
		if len(rev) > 12 {
			rev = rev[:12]
		}
		line += ", revision " + rev
		if when != "" {
			line += " of " + when
		}
		if modified {
			line += " with uncommitted changes"
		}
	default:
		line += ", no revision recorded (built outside a git checkout, or with go run)"
	}
	return fmt.Sprintf("%s; %s %s/%s", line, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
