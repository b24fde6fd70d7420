GO ?= go

.PHONY: build test check bench golden fuzz pgo

build:
	$(GO) build -o bin/gcwatch ./cmd/gcwatch

# The README's test command; .ci/run runs exactly this.
test:
	$(GO) test -race ./...

check:
	@test -z "$$(gofmt -l .)" || (gofmt -l .; echo "gofmt: files above need formatting"; exit 1)
	$(GO) vet ./...
	@# gcwatch builds for macOS and Windows too, tests included: a Linux-only
	@# call in a file without a build constraint breaks them.
	GOOS=darwin $(GO) vet ./...
	GOOS=windows $(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...
	$(GO) mod tidy
	@git diff --exit-code go.mod go.sum || (echo "go mod tidy changed go.mod/go.sum"; exit 1)

# The gclog figures, and the gcwatch binary's scan, events and plot with
# their peak memory (plot also as on eight cores), are compared with
# ceilings measured in the same run (bench.awk), on one core and on all.
# bench.sh runs each benchmark in a process of its own, on one core and
# then on all, seconds apart, and the whole list three times (the machine
# is shared and its speed moves within minutes); it writes the big inputs
# (1 GiB logs, 8 rotated files, the report's 50 MB host log) once, to a
# temporary folder. bench.awk ends with every issue 9 figure, report and
# trend in seconds. Every package is built with the binary's profile (pgo,
# below).
PGO = -pgo=$(CURDIR)/cmd/gcwatch/default.pgo
bench:
	GO=$(GO) ./bench.sh $(PGO)

# Each fuzz target of every package, found in its tests, for FUZZTIME (go
# test runs one -fuzz target at a time); the minimizer is off, as it stalls
# the chunk fuzzers for a minute at each new input.
FUZZTIME ?= 30s
fuzz:
	for pkg in gclog histogram report; do \
		for f in $$(grep -ho '^func Fuzz[A-Za-z0-9]*' $$pkg/*_test.go | cut -d' ' -f2); do \
			$(GO) test ./$$pkg -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 0s || exit 1; done; done

# cmd/gcwatch/default.pgo is the CPU profile go build uses to optimise the
# gcwatch binary (profile-guided optimisation: -pgo=auto, the default, takes
# a main package's default.pgo; hot calls are inlined and devirtualised):
# the parsers and summaries of gclog on the benchmark logs, a 1 GiB file read
# in chunks on two cores (chunk.run's loop is not step's: without it, its
# line reading is not inlined nor its parser call devirtualised: +2%
# instructions), the events writer and a chart of report. The benchmarks
# run built with the current profile, as Go advises (profile the binary as
# it runs): a scan of -Xlog:gc then took 2.5% fewer instructions than with
# a profile of a build without one, the other logs the same. Refresh it
# after changing hot code. make bench builds its benchmarks with it, to
# measure what the binary runs.
PGO_GCLOG = ^Benchmark(UnifiedG1|Legacy|LegacyCorpus|SummarizeGCOnly|J9|JRockit)$$
PGO_REPORT = ^Benchmark(Events|ChartPNG)$$
pgo:
	tmp=$$(mktemp -d) && \
	GOMAXPROCS=1 $(GO) test $(PGO) -run '^$$' -bench '$(PGO_GCLOG)' -benchtime 5x -cpuprofile $$tmp/gclog.pprof -o $$tmp/gclog.test ./gclog && \
	GOMAXPROCS=2 $(GO) test $(PGO) -run '^$$' -bench '^BenchmarkScanFile$$' -cpu 2 -benchtime 3x -cpuprofile $$tmp/chunked.pprof -o $$tmp/gclog.test ./gclog && \
	GOMAXPROCS=1 $(GO) test $(PGO) -run '^$$' -bench '$(PGO_REPORT)' -benchtime 2x -cpuprofile $$tmp/report.pprof -o $$tmp/report.test ./report && \
	$(GO) tool pprof -proto $$tmp/gclog.pprof $$tmp/chunked.pprof $$tmp/report.pprof > cmd/gcwatch/default.pgo; \
	status=$$?; rm -rf $$tmp; exit $$status

# Rewrite golden files after a deliberate output change; review the diff.
golden:
	$(GO) test ./... -update
