package gclog

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestSummarizeRecycles checks that Summarize, which gives the events it is
// done with back for the parsers to reuse, summarises every log as adding
// fresh events one by one does: read sequentially, and in small chunks whose
// parsers reuse events given back while other chunks are read. The logs are
// read one after another, so that events are reused from log to log.
func TestSummarizeRecycles(t *testing.T) {
	logs := chunkLogs(t)
	more, _ := filepath.Glob("../testdata/gclog/*/*")
	for _, f := range more {
		if st, err := os.Stat(f); err == nil && st.Mode().IsRegular() {
			logs = append(logs, f)
		}
	}
	if testing.Short() || raceBuild {
		logs = logs[:min(len(logs), 40)]
	}
	defer func(s, r int64, f bool) { chunkSize, chunkReadOn, chunkForce = s, r, f }(chunkSize, chunkReadOn, chunkForce)
	for _, path := range logs {
		set := Set{Name: path, Files: []string{path}}
		chunkForce = false
		r := NewSetReader(set.Inputs(nil))
		want := NewSummary(set.Files)
		for r.Scan() {
			want.Add(r.Event())
		}
		want.Finish(r.Info(), DefaultVerdictOptions)
		for _, chunked := range []bool{false, true} {
			chunkForce, chunkSize, chunkReadOn = chunked, 16<<10, 8<<10
			got, err := Summarize(NewSetReader(set.Inputs(nil)), set.Files, DefaultVerdictOptions)
			if (err == nil) != (r.Err() == nil) {
				t.Fatalf("%s: error %v, want %v", path, err, r.Err())
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s (chunked %v): Summarize differs from adding fresh events:\n got %+v\nwant %+v", path, chunked, got, want)
			}
		}
	}
}

// After a miss the pool is asked again poolRetry events later, and then
// hands out what was given back meanwhile.
func TestPoolTakeRetries(t *testing.T) {
	var p recyclePool[int]
	var mine, given *eventBatch[int]
	idle := 0
	if p.take(&mine, &idle) != nil || idle != poolRetry {
		t.Fatalf("empty pool: idle %d, want %d", idle, poolRetry)
	}
	// (eventBlock pops the batch in hand before it calls take: waiting,
	// take must have none.)
	if mine.pop() != nil {
		t.Fatal("a batch in hand while take waits to ask the pool again")
	}
	v := 7
	p.add(&given, &v)
	p.flush(&given)
	for i := range poolRetry {
		if p.take(&mine, &idle) != nil {
			t.Fatalf("asked the pool %d events after a miss", i+1)
		}
	}
	// (sync.Pool drops some of what it is given under the race detector.)
	if got := p.take(&mine, &idle); got != &v && !raceBuild {
		t.Fatalf("got %v after the retry, want the event given back", got)
	}
}

// pop takes a batch's events last first, and gives nil when it has none.
func TestBatchPop(t *testing.T) {
	var none *eventBatch[int]
	if none.pop() != nil {
		t.Fatal("pop of no batch")
	}
	a, b := 1, 2
	batch := &eventBatch[int]{evs: []*int{&a, &b}}
	if batch.pop() != &b || batch.pop() != &a || batch.pop() != nil {
		t.Fatal("pop: not last first, or not nil when empty")
	}
}
