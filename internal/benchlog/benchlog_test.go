package benchlog

import (
	"bytes"
	"os"
	"testing"
)

func TestRenumber(t *testing.T) {
	in := []byte("[0.1s] GC(0) Pause Young\n[0.2s] GC(12) Pause Full 3M->1M(8M)\nGC(x) GC(")
	if got := Renumber(in, 0); !bytes.Equal(got, in) {
		t.Errorf("copy 0 changed the log: %q", got)
	}
	want := "[0.1s] GC(2000000) Pause Young\n[0.2s] GC(2000012) Pause Full 3M->1M(8M)\nGC(x) GC("
	if got := Renumber(in, 2); string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestWrite(t *testing.T) {
	var buf bytes.Buffer
	n, err := Write(&buf, []byte("GC(7) x\n"), 23)
	if err != nil || n != 36 || buf.String() != "GC(7) x\nGC(1000007) x\nGC(2000007) x\n" {
		t.Errorf("%d, %v: %q", n, err, buf.String())
	}
}

// A copy's clock goes on from where the copies before it ended: time and
// uptime moved by the log's span (its last uptime rounded up to a second),
// the milliseconds carried, lines without [time][uptime] left alone.
func TestRenumberMovesTime(t *testing.T) {
	in := []byte("[2026-12-02T20:05:37.060+0000][0.006s][info][gc] Using G1\n" +
		"[2026-12-02T20:05:37.060+0000][0.006s][info][gc,start] GC(3) Pause Young\n" +
		"Heap\n" +
		"[2026-12-02T20:06:36.999+0000][59.945s][info][gc] GC(4) Pause Young 3M->1M(8M) 1.0ms\n")
	want := "[2026-12-02T20:07:37.060+0000][120.006s][info][gc] Using G1\n" +
		"[2026-12-02T20:07:37.060+0000][120.006s][info][gc,start] GC(2000003) Pause Young\n" +
		"Heap\n" +
		"[2026-12-02T20:08:36.999+0000][179.945s][info][gc] GC(2000004) Pause Young 3M->1M(8M) 1.0ms\n"
	if got := Renumber(in, 2); string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// A log decorated with its uptime alone moves it on too.
func TestRenumberMovesUptime(t *testing.T) {
	in := []byte("[0.007s][info][gc] Using G1\n[9.996s][info][gc] GC(49) Pause Young (Mixed) 57M->55M(64M) 1.494ms\n[x] GC(1)\n")
	want := "[30.007s][info][gc] Using G1\n[39.996s][info][gc] GC(3000049) Pause Young (Mixed) 57M->55M(64M) 1.494ms\n[x] GC(3000001)\n"
	if got := Renumber(in, 3); string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestWriteFile(t *testing.T) {
	path := t.TempDir() + "/gc.log"
	n, err := WriteFile(path, []byte("GC(7) x\n"), 9)
	got, rerr := os.ReadFile(path)
	if err != nil || rerr != nil || n != 22 || string(got) != "GC(7) x\nGC(1000007) x\n" {
		t.Errorf("%d, %v, %v: %q", n, err, rerr, got)
	}
	if _, err := WriteFile(t.TempDir()+"/missing/gc.log", nil, 1); err == nil {
		t.Error("no error for a folder that does not exist")
	}
}
