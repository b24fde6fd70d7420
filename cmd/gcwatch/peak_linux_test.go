package main

import (
	"os"
	"syscall"
)

// peakBytes is the peak resident memory of an ended process (Linux counts
// ru_maxrss in kilobytes).
func peakBytes(ps *os.ProcessState) (int64, bool) {
	usage, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, false
	}
	return usage.Maxrss << 10, true
}
