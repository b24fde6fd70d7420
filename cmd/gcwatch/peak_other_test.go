//go:build !linux

package main

import "os"

// peakBytes is measured on Linux only (ru_maxrss counts bytes on macOS,
// kilobytes on Linux, and Windows has none).
func peakBytes(*os.ProcessState) (int64, bool) { return 0, false }
