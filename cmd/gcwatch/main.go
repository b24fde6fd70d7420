// Command gcwatch reads JVM garbage-collection logs and class histograms and tells
// which JVMs are leaking memory. See README.md for usage.
package main

import (
	"fmt"
	"os"
)

func main() {
	root := newRootCmd(os.Stdin, os.Stdout, os.Stderr)
	err := root.Execute()
	code := exitCode(err)
	if err != nil && !isReported(err) {
		fmt.Fprintln(os.Stderr, "gcwatch:", err)
	}
	os.Exit(int(code))
}
