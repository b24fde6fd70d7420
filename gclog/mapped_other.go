//go:build !linux

package gclog

import (
	"errors"
	"os"
)

// Files are read, not mapped, on systems other than Linux (mapped.go).

func mapFile(f *os.File, size int64) ([]byte, error) { return nil, errors.ErrUnsupported }

func unmapFile(data []byte) {}

func dropPages(data []byte, from, to int) int { return from }
