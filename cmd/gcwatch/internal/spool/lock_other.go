//go:build !unix && !windows

package spool

import (
	"errors"
	"os"
)

// lockFile cannot lock on this system: report refuses to run rather than
// risk two runs mailing the same day.
func lockFile(*os.File) error {
	return errors.ErrUnsupported
}
