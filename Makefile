GO ?= go

.PHONY: build test check bench golden fuzz

build:
	$(GO) build -o bin/gcwatch ./cmd/gcwatch

# The README's test command; .ci/run runs exactly this.
test:
	$(GO) test -race ./...

check:
	@test -z "$$(gofmt -l .)" || (gofmt -l .; echo "gofmt: files above need formatting"; exit 1)
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...
	$(GO) mod tidy
	@git diff --exit-code go.mod go.sum || (echo "go mod tidy changed go.mod/go.sum"; exit 1)

# The gclog figures, and the gcwatch binary's scan with its peak memory,
# are compared with ceilings measured in the same run (bench.awk), on one
# core and on all; the machine is shared, so each runs three times. The
# 1 GiB inputs (one file, and 8 rotated files) and the report's 50 MB host
# log are written to the temporary folder first; bench.awk ends with every
# issue 9 figure, report and trend in seconds. One core and all cores run
# as two processes: go test makes a benchmark's first call at the process's
# GOMAXPROCS and, when one iteration outlasts -benchtime (every 1 GiB scan),
# reports that call as the first -cpu 1 result: with -cpu 1,2 in one
# process, one "one-core" run in three had two cores.
bench:
	{ $(GO) test -run '^$$' -bench . -benchmem ./histogram ./report/...; \
	  GOMAXPROCS=1 $(GO) test -run '^$$' -bench . -benchmem -count 3 -cpu 1 ./gclog ./cmd/gcwatch; \
	  $(GO) test -run '^$$' -bench . -benchmem -count 3 -cpu $$(nproc) ./gclog ./cmd/gcwatch; } | awk -v cores=$$(nproc) -f bench.awk

# Each fuzz target of every package, found in its tests, for FUZZTIME (go
# test runs one -fuzz target at a time); the minimizer is off, as it stalls
# the chunk fuzzers for a minute at each new input.
FUZZTIME ?= 30s
fuzz:
	for pkg in gclog histogram report; do \
		for f in $$(grep -ho '^func Fuzz[A-Za-z0-9]*' $$pkg/*_test.go | cut -d' ' -f2); do \
			$(GO) test ./$$pkg -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 0s || exit 1; done; done

# Rewrite golden files after a deliberate output change; review the diff.
golden:
	$(GO) test ./... -update
