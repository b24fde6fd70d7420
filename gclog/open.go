package gclog

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// Stdin is the path that names standard input.
const Stdin = "-"

// Open opens a log file and undoes gzip or zstd compression, recognised by
// the file's first bytes rather than its name. The path "-" reads stdin. A
// big uncompressed file is read through a memory mapping (mapped.go).
func Open(path string, stdin io.Reader) (io.ReadCloser, error) {
	var f io.ReadCloser
	if path == Stdin {
		f = io.NopCloser(stdin)
	} else {
		file, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		if st, err := file.Stat(); err == nil && st.IsDir() {
			file.Close()
			return nil, fmt.Errorf("%s: is a folder", path)
		}
		if m := openMapped(file, path); m != nil {
			return m, nil
		}
		f = file
	}
	r, err := Decompress(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &nameErrors{r, path}, nil
}

// nameErrors prefixes read errors (a truncated gzip, say) with the file name.
type nameErrors struct {
	io.ReadCloser
	name string
}

func (n *nameErrors) Read(p []byte) (int, error) {
	k, err := n.ReadCloser.Read(p)
	if err != nil && err != io.EOF {
		if err == io.ErrUnexpectedEOF {
			err = errors.New("unexpected end of compressed data (truncated file?)")
		}
		err = fmt.Errorf("%s: %w", n.name, err)
	}
	return k, err
}

// Decompress returns a reader of r's content, decompressed when it starts
// with the gzip or zstd magic bytes. Closing it closes r.
func Decompress(r io.ReadCloser) (io.ReadCloser, error) { return decompress(r, true) }

// decompress is Decompress; ahead runs gzip or zstd decompression in its own
// goroutine (readAhead), which a caller reading ahead itself does not need.
func decompress(r io.ReadCloser, ahead bool) (io.ReadCloser, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	magic, _ := br.Peek(4)
	switch {
	case isGzip(magic):
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		if !ahead {
			return readCloser{zr, closeBoth(zr.Close, r.Close)}, nil
		}
		return newReadAhead(zr, closeBoth(zr.Close, r.Close)), nil
	case isZstd(magic):
		// One decoder goroutine: these machines have few cores, and files
		// are decompressed in parallel already. It decodes synchronously: the
		// read-ahead overlaps decompressing and parsing, as for gzip.
		zr, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1))
		if err != nil {
			return nil, fmt.Errorf("zstd: %w", err)
		}
		closeZ := closeBoth(func() error { zr.Close(); return nil }, r.Close)
		if !ahead {
			return readCloser{zr, closeZ}, nil
		}
		return newReadAhead(zr, closeZ), nil
	}
	return readCloser{br, r.Close}, nil
}

func isGzip(magic []byte) bool { return len(magic) >= 2 && magic[0] == 0x1f && magic[1] == 0x8b }

func isZstd(magic []byte) bool { return bytes.HasPrefix(magic, []byte{0x28, 0xb5, 0x2f, 0xfd}) }

type readCloser struct {
	io.Reader
	close func() error
}

func (rc readCloser) Close() error { return rc.close() }

func closeBoth(a, b func() error) func() error {
	return func() error {
		errA, errB := a(), b()
		if errA != nil {
			return errA
		}
		return errB
	}
}

// Set is the files of one JVM's log in the order they were written: one file,
// or the files of a rotated set.
type Set struct {
	Name  string   // the set's name: the current file's path, or "-"
	Files []string // in time order
}

// Inputs returns the set's files as Reader inputs, opened one at a time.
func (s Set) Inputs(stdin io.Reader) []Input {
	in := make([]Input, len(s.Files))
	for i, f := range s.Files {
		in[i] = Input{Name: f, Open: func() (io.ReadCloser, error) { return Open(f, stdin) }}
		if f != Stdin {
			in[i].Path = f
		}
	}
	return in
}

// Collect turns command-line arguments (files, folders, globs, "-") into sets,
// one per JVM: the files of a rotated set (gc.log, gc.log.0, gc.log.1, ...,
// gc.log.3.current, compressed or not) become one Set in time order. Folders
// are searched recursively, skipping hidden entries. Arguments that name
// nothing are returned as errors; the sets that could be found are returned
// too.
func Collect(args []string) ([]Set, []error) {
	var files []string
	var errs []error
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	for _, arg := range args {
		if arg == Stdin {
			add(Stdin)
			continue
		}
		matches := []string{arg}
		if strings.ContainsAny(arg, "*?[") {
			m, err := filepath.Glob(arg)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: bad pattern: %w", arg, err))
				continue
			}
			if len(m) == 0 {
				errs = append(errs, fmt.Errorf("%s: no file matches", arg))
				continue
			}
			matches = m
		}
		for _, m := range matches {
			st, err := os.Stat(m)
			if err != nil {
				errs = append(errs, pathError(m, err))
				continue
			}
			if !st.IsDir() {
				add(m)
				continue
			}
			n := len(files)
			err = filepath.WalkDir(m, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					errs = append(errs, pathError(p, err))
					return nil
				}
				if p != m && strings.HasPrefix(d.Name(), ".") {
					if d.IsDir() {
						return filepath.SkipDir
					}
					return nil
				}
				if d.Type().IsRegular() {
					add(p)
				}
				return nil
			})
			if err != nil {
				errs = append(errs, pathError(m, err))
			}
			if len(files) == n {
				errs = append(errs, fmt.Errorf("%s: folder holds no files", m))
			}
		}
	}
	return groupRotated(files), errs
}

func pathError(p string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", p, pe.Err)
	}
	return err
}

// rotationBase returns the name a rotated file shares with its set, and its
// number in the set (-1 for the current file). gc.log, gc.log.0, gc.log.3.gz,
// gc.log.2.current all have base gc.log; OpenJ9's gc.001.log, gc.002.log
// have base gc.%seq.log.
func rotationBase(path string) (base string, num int) {
	p := path
	for _, ext := range []string{".gz", ".zst", ".zstd"} {
		p = strings.TrimSuffix(p, ext)
	}
	p = strings.TrimSuffix(p, ".current")
	num = -1
	if i := strings.LastIndexByte(p, '.'); i > 0 && i > strings.LastIndexByte(p, filepath.Separator) {
		if n, err := strconv.Atoi(p[i+1:]); err == nil && n >= 0 {
			return p[:i], n
		}
		// OpenJ9 -Xverbosegclog:gc.%seq.log,N,M writes gc.001.log,
		// gc.002.log, ...: %seq is three digits before the extension.
		stem := p[:i]
		if j := strings.LastIndexByte(stem, '.'); j > 0 && j > strings.LastIndexByte(stem, filepath.Separator) && len(stem)-j-1 == 3 {
			if n, err := strconv.Atoi(stem[j+1:]); err == nil && n >= 0 {
				return stem[:j] + ".%seq" + p[i:], n
			}
		}
	}
	return p, num
}

// groupRotated groups files by rotation base and orders each group by the
// first time stamp its file holds; files without one keep the rotation
// numbering, the current file last.
func groupRotated(files []string) []Set {
	type member struct {
		path  string
		num   int
		first stamp
	}
	groups := map[string][]member{}
	var order []string
	for _, f := range files {
		base, num := f, -1
		if f != Stdin {
			base, num = rotationBase(f)
		}
		if _, ok := groups[base]; !ok {
			order = append(order, base)
		}
		groups[base] = append(groups[base], member{path: f, num: num})
	}
	sets := make([]Set, 0, len(order))
	for _, base := range order {
		ms := groups[base]
		if len(ms) > 1 {
			for i := range ms {
				ms[i].first = firstStamp(ms[i].path)
			}
			sort.SliceStable(ms, func(i, j int) bool {
				a, b := ms[i], ms[j]
				if a.first.ok && b.first.ok && a.first.wall == b.first.wall {
					if a.first.wall {
						return a.first.t.Before(b.first.t)
					}
					return a.first.up < b.first.up
				}
				// No comparable stamps: the current file (-1) is last, the
				// others by number.
				an, bn := a.num, b.num
				if an < 0 {
					an = 1 << 30
				}
				if bn < 0 {
					bn = 1 << 30
				}
				return an < bn
			})
		}
		set := Set{Name: ms[len(ms)-1].path}
		for _, m := range ms {
			set.Files = append(set.Files, m.path)
		}
		sets = append(sets, set)
	}
	return sets
}

// stamp is the first time found in a file: wall-clock when it has one.
type stamp struct {
	ok   bool
	wall bool
	t    time.Time
	up   time.Duration
}

// firstStamp reads the first 64 KiB of a file for its first time stamp.
func firstStamp(path string) stamp {
	rc, err := Open(path, nil)
	if err != nil {
		return stamp{}
	}
	defer rc.Close()
	buf := make([]byte, 64<<10)
	n, _ := io.ReadFull(rc, buf)
	sc := bufio.NewScanner(bytes.NewReader(buf[:n]))
	sc.Buffer(make([]byte, 0, 64<<10), 64<<10)
	for sc.Scan() {
		if st, ok := lineStamp(sc.Bytes()); ok {
			return st
		}
	}
	return stamp{}
}

// lineStamp finds a time stamp at the start of a line: an ISO 8601 date
// (unified time decoration, legacy -XX:+PrintGCDateStamps) or an uptime
// ("[12.345s]" unified, "12.345: [" legacy).
func lineStamp(line []byte) (stamp, bool) {
	l := bytes.TrimLeft(line, "[")
	if t, ok := parseISOTime(l); ok {
		return stamp{ok: true, wall: true, t: t}, true
	}
	if v, n := scanDecimal(l); n > 0 && n < len(l) && (l[n] == 's' || l[n] == ':') {
		return stamp{ok: true, up: time.Duration(v)}, true
	}
	// OpenJ9 XML: <exclusive-start id="2" timestamp="2017-06-01T10:11:12.123" ...>.
	if i := indexOf(line, ` timestamp="`); i >= 0 && bytes.HasPrefix(bytes.TrimLeft(line, " "), []byte("<")) {
		if t, ok := parseISOTime(line[i+len(` timestamp="`):]); ok {
			return stamp{ok: true, wall: true, t: t}, true
		}
	}
	return stamp{}, false
}

// parseISOTime reads "2024-05-06T07:08:09.123+0200" (or "+02:00", or "Z") at the
// start of b, as HotSpot writes it.
func parseISOTime(b []byte) (time.Time, bool) {
	if len(b) < 19 || b[4] != '-' || b[7] != '-' || b[10] != 'T' || b[13] != ':' || b[16] != ':' {
		return time.Time{}, false
	}
	t, _, ok := scanISOTime(b, nil)
	return t, ok
}
