package gclog

import (
	"bytes"
	"errors"
	"io"
	"os"
	"testing"
	"testing/iotest"
)

// readAhead gives the bytes of its source in order, and its error at the end,
// across the blocks it adds as the read goes on.
func TestReadAhead(t *testing.T) {
	data := bytes.Repeat([]byte("GC(1) Pause Young (Normal) 24M->3M(256M) 2.345ms\n"), 2*readAheadMax*readAheadSize/40)
	closed := false
	ra := newReadAhead(iotest.HalfReader(bytes.NewReader(data)), func() error { closed = true; return nil })
	got, err := io.ReadAll(ra)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("read %d bytes of %d, err %v", len(got), len(data), err)
	}
	if ra.blocks != readAheadMax {
		t.Errorf("%d blocks after reading %d, want %d", ra.blocks, len(data)/readAheadSize, readAheadMax)
	}
	if err := ra.Close(); err != nil || !closed {
		t.Fatalf("close: %v, underlying closed %v", err, closed)
	}

	boom := errors.New("boom")
	ra = newReadAhead(io.MultiReader(bytes.NewReader(data[:100]), iotest.ErrReader(boom)), func() error { return nil })
	got, err = io.ReadAll(ra)
	if !errors.Is(err, boom) || !bytes.Equal(got, data[:100]) {
		t.Fatalf("read %d bytes, err %v; want 100 bytes, boom", len(got), err)
	}
	ra.Close()
}

// Closing part way stops the goroutine before the source is closed, and
// reading after it fails.
func TestReadAheadCloseEarly(t *testing.T) {
	data := bytes.Repeat([]byte("x"), 10*readAheadSize)
	ra := newReadAhead(bytes.NewReader(data), func() error { return nil })
	if _, err := ra.Read(make([]byte, 10)); err != nil {
		t.Fatal(err)
	}
	if err := ra.Close(); err != nil {
		t.Fatal(err)
	}
	if n, err := ra.Read(make([]byte, 10)); n != 0 || !errors.Is(err, os.ErrClosed) {
		t.Fatalf("read after close: %d, %v", n, err)
	}
}
