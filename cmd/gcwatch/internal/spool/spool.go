// Package spool keeps the state of gcwatch report in its state folder, so
// that it is safe to run from cron: a lock against overlapping runs, the day
// of the last mail delivered (at most one a day), and an outbox of the mails
// that could not be sent, delivered by the next run.
//
//	STATE_DIR/lock          locked by the run in progress (flock(2); LockFileEx on Windows)
//	STATE_DIR/last-sent     "2026-11-22 <message-id>" of the last mail delivered
//	STATE_DIR/outbox/*.eml  mails not yet delivered, oldest first by name
package spool

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Dir is a state folder.
type Dir struct {
	Path string
	lock *os.File
}

// ErrLocked is returned by Open when another run holds the lock.
var ErrLocked = errors.New("another gcwatch report is running")

// Open creates the folder if needed and takes its lock, without waiting:
// when another run holds it, Open returns an error wrapping ErrLocked. The
// lock is released by Close, or by the kernel when the process ends.
func Open(path string) (*Dir, error) {
	if err := os.MkdirAll(filepath.Join(path, "outbox"), 0o700); err != nil {
		return nil, fmt.Errorf("state_dir: %w", err)
	}
	lp := filepath.Join(path, "lock")
	f, err := os.OpenFile(lp, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("state_dir: %w", err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		if err == ErrLocked {
			return nil, fmt.Errorf("%w (%s is locked)", ErrLocked, lp)
		}
		return nil, fmt.Errorf("locking %s: %w", lp, err)
	}
	return &Dir{Path: path, lock: f}, nil
}

// Close releases the lock.
func (d *Dir) Close() error {
	if d.lock == nil {
		return nil
	}
	err := d.lock.Close() // closing the file releases the lock
	d.lock = nil
	return err
}

// LastSent returns the day ("2006-01-02") of the last mail delivered, or ""
// when none was.
func (d *Dir) LastSent() (string, error) {
	b, err := os.ReadFile(filepath.Join(d.Path, "last-sent"))
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	day, _, _ := strings.Cut(strings.TrimSpace(string(b)), " ")
	return day, nil
}

// MarkSent records that the mail of day was delivered (or, with
// only_when_problems, that the day's report needed no mail).
func (d *Dir) MarkSent(day, note string) error {
	return writeAtomic(filepath.Join(d.Path, "last-sent"), []byte(strings.TrimSpace(day+" "+note)+"\n"))
}

// Pending is a mail in the outbox.
type Pending struct {
	Path string
	Day  string // the day it was made for, from its name
}

// Outbox lists the mails waiting, oldest first.
func (d *Dir) Outbox() ([]Pending, error) {
	entries, err := os.ReadDir(filepath.Join(d.Path, "outbox"))
	if err != nil {
		return nil, err
	}
	var out []Pending
	for _, e := range entries {
		n := e.Name()
		if !e.Type().IsRegular() || !strings.HasSuffix(n, ".eml") || strings.HasPrefix(n, ".") {
			continue
		}
		day := n
		if len(day) >= 10 {
			day = day[:10]
		}
		out = append(out, Pending{Path: filepath.Join(d.Path, "outbox", n), Day: day})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// Keep puts a mail in the outbox under a name that sorts by time
// ("2026-11-22T063000.eml") and returns its path.
func (d *Dir) Keep(stamp string, msg []byte) (string, error) {
	p := filepath.Join(d.Path, "outbox", stamp+".eml")
	for i := 2; ; i++ {
		if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
			break
		}
		p = filepath.Join(d.Path, "outbox", fmt.Sprintf("%s-%d.eml", stamp, i))
	}
	return p, writeAtomic(p, msg)
}

// writeAtomic writes a file in full or not at all: a crash or a full disk
// leaves the old content (or nothing), never half a file.
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o600)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
