#!/bin/sh
# bench.sh is make bench: every benchmark of the packages of the issue 9
# figures (gclog, cmd/gcwatch) in a process of its own, on one core and
# then on all, one after the other; ROUNDS rounds of the whole list; then
# bench.awk's table. Run from the repository's root: ./bench.sh [go test flags].
#
# Why not `go test -bench -count 3 -cpu 1,N`: this machine's speed moves by
# up to 2x within minutes (another guest's load on the host), and one
# process runs each package's benchmarks one core first, all cores after,
# minutes apart. A one-core figure and its all-cores one, or a figure and
# its ceiling, then compared two moments of the machine: six make bench
# runs in a row showed the legacy scan no faster on two cores than on one,
# when either run alone gave 1.6x. Here a benchmark's one and all cores
# runs are seconds apart, and each round samples the machine again.
# (One process per -cpu value also keeps go test from making the first,
# timed, call of a benchmark at the process's GOMAXPROCS.)
#
# The big inputs are written once, into $GCWATCH_BENCH_DIR (see
# internal/benchlog), and removed at the end. histogram and report are
# measured once, as a whole (their targets are seconds, far from their
# figures).
set -u
GO=${GO:-go}
ROUNDS=${ROUNDS:-3}
cores=$(nproc)
root=$(pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/gcwatch-bench-XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT INT TERM
export GCWATCH_BENCH_DIR="$work/inputs"

{
	"$GO" test "$@" -run '^$' -bench . -benchmem ./histogram ./report/... || echo "FAIL: histogram and report benchmarks"
	for pkg in gclog cmd/gcwatch; do
		"$GO" test "$@" -c -o "$work/$(basename "$pkg").test" "./$pkg" || echo "FAIL: building the $pkg benchmarks"
	done
	round=1
	while [ "$round" -le "$ROUNDS" ]; do
		for pkg in gclog cmd/gcwatch; do
			bin="$work/$(basename "$pkg").test"
			cd "$root/$pkg" || exit 1
			echo "pkg: gcwatch/$pkg (round $round of $ROUNDS)"
			for bench in $("$bin" -test.list '^Benchmark'); do
				for cpu in 1 "$cores"; do
					# Each process's header (goos, cpu...) and PASS
					# left out: the first go test printed them.
					GOMAXPROCS=$cpu "$bin" -test.run '^$' -test.bench "^$bench\$" -test.benchmem -test.cpu "$cpu" >"$work/out" 2>&1
					status=$?
					grep -Ev '^(goos|goarch|pkg|cpu): |^PASS$' "$work/out"
					[ "$status" -eq 0 ] || echo "FAIL: $bench on $cpu cores, status $status"
				done
			done
		done
		round=$((round + 1))
	done
} | awk -v cores="$cores" -v goversion="$("$GO" version | cut -d" " -f3)" -f "$root/bench.awk"
