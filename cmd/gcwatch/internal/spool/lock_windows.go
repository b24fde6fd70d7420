//go:build windows

package spool

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// lockFile takes an exclusive lock on the first byte of f without waiting
// (LockFileEx); ErrLocked when another holds it. Windows releases it
// when f is closed or the process ends.
func lockFile(f *os.File) error {
	var first windows.Overlapped // offset 0: the first byte
	err := windows.LockFileEx(windows.Handle(f.Fd()),
		windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &first)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return ErrLocked
	}
	return err
}
