package content

import (
	"errors"
	"fmt"
	"sort"
)

// Error is a problem with the site's input: the file it is in (relative to
// the site folder), the line where known, and what to do about it.
type Error struct {
	File    string
	Line    int
	Message string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Message)
}

// Errorf makes an Error.
func Errorf(file string, line int, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Message: fmt.Sprintf(format, args...)}
}

// Problems collects content errors so that a build reports all of them at
// once instead of stopping at the first.
type Problems []*Error

// Add records a problem.
func (p *Problems) Add(file string, line int, format string, args ...any) {
	*p = append(*p, Errorf(file, line, format, args...))
}

// Err sorts the problems by file and line and joins them, or returns nil.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	sorted := append(Problems(nil), p...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].File != sorted[j].File {
			return sorted[i].File < sorted[j].File
		}
		return sorted[i].Line < sorted[j].Line
	})
	// A problem found twice (a layout missing for each page of a paginated
	// list) is reported once.
	errs := make([]error, 0, len(sorted))
	seen := make(map[Error]bool, len(sorted))
	for _, e := range sorted {
		if !seen[*e] {
			seen[*e] = true
			errs = append(errs, e)
		}
	}
	return errors.Join(errs...)
}

// Flatten lists the content errors inside err (joined or wrapped), so that a
// caller such as the preview overlay can show each with its file and line.
// Errors that are not content errors come back with only a message.
func Flatten(err error) []*Error {
	if err == nil {
		return nil
	}
	if f, ok := err.(*Failure); ok {
		return Flatten(f.Err)
	}
	var e *Error
	if errors.As(err, &e) && e == err {
		return []*Error{e}
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []*Error
		for _, c := range j.Unwrap() {
			out = append(out, Flatten(c)...)
		}
		return out
	}
	if errors.As(err, &e) {
		return []*Error{e}
	}
	return []*Error{{Message: err.Error()}}
}

// Failure is the error of a build stopped by problems, carrying the
// warnings found until then: a build reports all its problems together,
// and a warning often explains an error (a Jekyll post named .markdown is
// copied as a file, not made a page, and the links to it break).
type Failure struct {
	Err      error // the problems
	Warnings Problems
}

func (f *Failure) Error() string { return f.Err.Error() }
func (f *Failure) Unwrap() error { return f.Err }

// WithWarnings returns err carrying warnings, or err itself when it is
// nil, there are none, or it carries warnings already.
func WithWarnings(err error, warnings Problems) error {
	var f *Failure
	if err == nil || len(warnings) == 0 || errors.As(err, &f) {
		return err
	}
	return &Failure{Err: err, Warnings: warnings}
}

// WarningsOf returns the warnings err carries (WithWarnings), or nil.
func WarningsOf(err error) Problems {
	var f *Failure
	if errors.As(err, &f) {
		return f.Warnings
	}
	return nil
}
