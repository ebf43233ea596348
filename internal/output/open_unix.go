//go:build unix

package output

import "syscall"

// openNoFollow makes opening a link fail (ELOOP) instead of opening what
// it points to; with O_NONBLOCK a named pipe in a previous output does not
// block the build.
const openNoFollow = syscall.O_NOFOLLOW | syscall.O_NONBLOCK
