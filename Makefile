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
# (bench.awk); the machine is shared, so each runs three times.
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./histogram ./report
	$(GO) test -run '^$$' -bench . -benchmem -count 3 ./gclog | awk -f bench.awk

# Rewrite golden files after a deliberate output change; review the diff.
golden:
	$(GO) test ./... -update
