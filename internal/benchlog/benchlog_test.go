package benchlog

import (
	"bytes"
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
