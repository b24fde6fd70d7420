package spool

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"testing"
)

// holdEnv makes the test binary, started by TestLockAcrossProcesses, take
// the lock of the folder it names and hold it until it is killed.
const holdEnv = "GCWATCH_SPOOL_HOLD"

func TestLockInProcess(t *testing.T) {
	dir := t.TempDir()
	d, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir); !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open while the first holds the lock: %v, want ErrLocked", err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	d, err = Open(dir)
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	d.Close()
}

// TestLockAcrossProcesses is what the lock is for: a second run, in a
// process of its own, stops while the first runs, and runs once the first
// has ended, even killed (the system releases the lock).
func TestLockAcrossProcesses(t *testing.T) {
	if dir := os.Getenv(holdEnv); dir != "" {
		if _, err := Open(dir); err != nil {
			os.Stdout.WriteString("error " + err.Error() + "\n")
			os.Exit(1)
		}
		os.Stdout.WriteString("held\n")
		select {} // until killed
	}
	dir := t.TempDir()
	child := exec.Command(os.Args[0], "-test.run=^TestLockAcrossProcesses$")
	child.Env = append(os.Environ(), holdEnv+"="+dir)
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || line != "held\n" {
		child.Process.Kill()
		t.Fatalf("the other process: %q, %v", line, err)
	}
	if _, err := Open(dir); !errors.Is(err, ErrLocked) {
		t.Errorf("Open while another process holds the lock: %v, want ErrLocked", err)
	}
	if err := child.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	child.Wait()
	d, err := Open(dir)
	if err != nil {
		t.Fatalf("Open after the other process was killed: %v", err)
	}
	d.Close()
}
