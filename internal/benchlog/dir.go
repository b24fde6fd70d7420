package benchlog

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// DirEnv names the environment variable of a folder that keeps the
// benchmarks' inputs from one test process to the next. make bench
// (bench.sh) runs each benchmark in a process of its own, on one core and
// then on all, and sets it: a 1 GiB input, or its gzip-compressed copy
// (seconds to write), is then written by the first process that needs it,
// not by every one.
const DirEnv = "GCWATCH_BENCH_DIR"

// made is the temporary folder Dir made, which Clean removes.
var made string

// Dir is the folder of the benchmarks' inputs: $GCWATCH_BENCH_DIR when it is
// set, else a temporary folder made on first use and removed by Clean.
var Dir = sync.OnceValues(func() (string, error) {
	if dir := os.Getenv(DirEnv); dir != "" {
		return dir, os.MkdirAll(dir, 0o755)
	}
	dir, err := os.MkdirTemp("", "gcwatch-bench-*")
	made = dir
	return dir, err
})

// Clean removes the folder Dir made, if it made one; a folder named by
// $GCWATCH_BENCH_DIR is left for the processes after this one. Test
// binaries call it as their benchmarks end (TestMain).
func Clean() {
	if made != "" {
		os.RemoveAll(made)
	}
}

// Input returns the path of the benchmark input called name in Dir, made by
// write when it is not there yet. write makes the file or folder at the path
// it is given, under another name: it takes the input's name only when write
// succeeds, so an input half written by a process stopped midway is never
// taken for one.
func Input(name string, write func(path string) error) (string, error) {
	dir, err := Dir()
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, name)
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	part := path + ".part"
	os.RemoveAll(part) // left by a process stopped midway
	if err := write(part); err != nil {
		os.RemoveAll(part)
		return "", fmt.Errorf("benchmark input %s: %w", name, err)
	}
	return path, os.Rename(part, path)
}
