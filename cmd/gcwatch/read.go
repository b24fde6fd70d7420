package main

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"

	"gcwatch/gclog"
)

// maxProblemLines is how many unparsed lines events and plot show per JVM.
const maxProblemLines = 5

// readFailure says why a set gave no events, after the reader is done, or
// returns the reader's I/O error; nil when the set gave events. A set
// without events is an error naming its files, so that a wrong path is not
// mistaken for a quiet JVM. The messages are scan's.
func readFailure(set gclog.Set, r *gclog.Reader, events int) error {
	if err := r.Err(); err != nil {
		return err
	}
	if events > 0 {
		return nil
	}
	return fmt.Errorf("%s: %s", strings.Join(set.Files, ", "), r.Info().WhyNoEvents())
}

// showProblems writes the first unparsed lines of a set, and their count
// when there are more, to w.
func showProblems(w io.Writer, set gclog.Set, info *gclog.Info, max int) {
	for i, p := range info.UnparsedExamples {
		if i == max {
			break
		}
		fmt.Fprintln(w, p.Error())
	}
	if n := info.Unparsed; n > int64(min(max, len(info.UnparsedExamples))) {
		fmt.Fprintf(w, "%s: %d unparsed lines in all\n", set.Name, n)
	}
}

// forEach calls fn(0) ... fn(n-1) on as many goroutines as there are cores.
func forEach(n int, fn func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
