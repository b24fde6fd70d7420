package main

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

const goldenPlot = "testdata/plot/"

// The data behind the picture of a leak and of a ZGC log, in one chart.
func TestPlotData(t *testing.T) {
	out, errOut, status := runGcwatch(t, "", "plot", "--data", leakLog, zgcLog)
	if status != exitOK || errOut != "" {
		t.Errorf("status %d, stderr:\n%s", status, errOut)
	}
	golden(t, goldenPlot+"leak-and-zgc.txt", out)
}

func TestPlotPNG(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		w, h int
	}{
		{[]string{leakLog}, 1200, 600},                                             // defaults
		{[]string{leakLog, zgcLog}, 1200, 1200},                                    // 600 per JVM
		{[]string{leakLog, zgcLog, "--width", "800", "--height", "900"}, 800, 900}, // as asked
	} {
		file := filepath.Join(dir, "heap.png")
		_, errOut, status := runGcwatch(t, "", append([]string{"plot", "-o", file}, tc.args...)...)
		if status != exitOK || errOut != "" {
			t.Fatalf("%v: status %d stderr %q", tc.args, status, errOut)
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%v: %v", tc.args, err)
		}
		if b := img.Bounds(); b.Dx() != tc.w || b.Dy() != tc.h {
			t.Errorf("%v: %dx%d, want %dx%d", tc.args, b.Dx(), b.Dy(), tc.w, tc.h)
		}
	}
}

func TestPlotStdout(t *testing.T) {
	out, errOut, status := runGcwatch(t, "", "plot", "-o", "-", "--width", "640", "--height", "480", leakLog)
	if status != exitOK || errOut != "" {
		t.Fatalf("status %d stderr %q", status, errOut)
	}
	cfg, err := png.DecodeConfig(strings.NewReader(out))
	if err != nil || cfg.Width != 640 || cfg.Height != 480 {
		t.Errorf("%+v %v", cfg, err)
	}
}

func TestPlotSVG(t *testing.T) {
	file := filepath.Join(t.TempDir(), "heap.SVG")
	_, errOut, status := runGcwatch(t, "", "plot", "-o", file, "--width", "900", leakLog)
	if status != exitOK || errOut != "" {
		t.Fatalf("status %d stderr %q", status, errOut)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// 900x600 CSS pixels are 675x450 points.
	m := regexp.MustCompile(`<svg width="([0-9.]+)pt" height="([0-9.]+)pt"`).FindSubmatch(data)
	if m == nil {
		t.Fatalf("no svg root in %.200s", data)
	}
	w, _ := strconv.ParseFloat(string(m[1]), 64)
	h, _ := strconv.ParseFloat(string(m[2]), 64)
	if w != 675 || h != 450 {
		t.Errorf("svg %gx%gpt, want 675x450", w, h)
	}
	if !bytes.Contains(data, []byte("LEAK")) {
		t.Error("the title does not name the verdict")
	}
}

func TestPlotUsage(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"plot", leakLog}, "gcwatch: no output: -o FILE.png, -o FILE.svg or -o - (PNG on stdout)"},
		{[]string{"plot", "-o", "heap.jpg", leakLog}, "gcwatch: heap.jpg: cannot tell the image format from the name (want .png or .svg, or - for PNG on stdout)"},
		{[]string{"plot", "-o", "heap.png", "--width", "100", leakLog}, "gcwatch: --width 100: at least 300 pixels"},
		{[]string{"plot", "-o", "heap.png", "--height", "150", leakLog}, "gcwatch: --height 150: at least 200 pixels per JVM"},
		{[]string{"plot", "-o", "heap.png", "--height", "300", leakLog, zgcLog}, "gcwatch: image too small: 1200x300 pixels (at least 300x400 for 2 JVMs)"},
		{[]string{"plot", "-o", dir + "/no/such/heap.png", leakLog}, "gcwatch: " + dir + "/no/such/heap.png: no such file or directory"},
		{[]string{"plot", "-o", dir + "/x.png", dir + "/missing.log"}, "gcwatch: " + dir + "/missing.log: no such file or directory"},
	} {
		_, errOut, status := runGcwatch(t, "", tc.args...)
		if status != exitFailed || strings.TrimSpace(errOut) != tc.want {
			t.Errorf("%v: status %d stderr %q, want %q", tc.args, status, errOut, tc.want)
		}
	}
	if _, err := os.Stat(dir + "/x.png"); err == nil {
		t.Error("an image was written with nothing to plot")
	}
}

// A bad path among good ones: the good logs are plotted, the bad one is
// named on stderr, and the exit status says the job was not done in full.
func TestPlotBadInputs(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.log")
	os.WriteFile(empty, nil, 0o644)
	file := filepath.Join(dir, "heap.png")
	_, errOut, status := runGcwatch(t, "", "plot", "-o", file, empty, leakLog)
	if status != exitFailed || errOut != "gcwatch: "+empty+": empty file\n" {
		t.Errorf("status %d stderr %q", status, errOut)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if cfg, err := png.DecodeConfig(f); err != nil || cfg.Height != 600 {
		t.Errorf("%+v %v: want one panel", cfg, err)
	}
}

func TestPlotStdin(t *testing.T) {
	data, err := os.ReadFile(leakLog)
	if err != nil {
		t.Fatal(err)
	}
	out, _, status := runGcwatch(t, string(data), "plot", "--data", "--host", "app-07", "-")
	if status != exitOK || !strings.HasPrefix(out, "panel 1: app-07: -\nverdict: leak: ") {
		t.Errorf("status %d, output:\n%.200s", status, out)
	}
}
