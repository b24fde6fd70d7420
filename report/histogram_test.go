package report

import (
	"bytes"
	"testing"

	"gcwatch/histogram"
)

func TestCell(t *testing.T) {
	tests := map[string]string{"=1+1": "'=1+1", "+x": "'+x", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)", "byte[]": "byte[]", "": ""}
	for in, want := range tests {
		if got := Cell(in); got != want {
			t.Errorf("Cell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHumanBytes(t *testing.T) {
	tests := map[float64]string{0: "0 B", 1023: "1023 B", 1536: "1.5 KiB", -(12 << 20): "-12.0 MiB", 3 << 30: "3.0 GiB"}
	for in, want := range tests {
		if got := HumanBytes(in); got != want {
			t.Errorf("HumanBytes(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	s := &histogram.Snapshot{}
	var b bytes.Buffer
	err := WriteHistoDiff(&b, "xml", HistoDiff{Before: s, After: s})
	if err == nil || err.Error() != `unknown output format "xml": want csv, table, json` {
		t.Errorf("WriteHistoDiff: %v", err)
	}
	if err := WriteHistoTrend(&b, "yaml", HistoTrend{}); err == nil {
		t.Error("WriteHistoTrend: no error for yaml")
	}
}
