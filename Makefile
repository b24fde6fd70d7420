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

# The gclog figures are compared with ceilings measured in the same run
# (bench.awk), on one core and on all; the machine is shared, so each runs
# three times. The 1 GiB inputs are written to the temporary folder first.
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./histogram ./report/...
	$(GO) test -run '^$$' -bench . -benchmem -count 3 -cpu 1,$$(nproc) ./gclog | awk -v cores=$$(nproc) -f bench.awk

# Each fuzz target for FUZZTIME (go test runs one -fuzz target at a time).
FUZZTIME ?= 30s
fuzz:
	for f in FuzzReader FuzzLegacy FuzzJ9 FuzzChunked; do \
		$(GO) test ./gclog -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) || exit 1; done
	$(GO) test ./histogram -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME)

# Rewrite golden files after a deliberate output change; review the diff.
golden:
	$(GO) test ./... -update
