# bench.awk passes `go test -bench` output through and ends it with the
# figures of issue 9, each beside the ceiling it is compared with, measured
# in the same run: the median of each benchmark's runs (-count). Names keep
# their -cpu suffix (none means one core); cores is the other -cpu value
# (bench.sh passes nproc, and goversion). The table names the machine (go
# test's "cpu:" line) and marks each target met or missed, with a count at
# the end: a missed target is a figure, not a failure. It fails when the
# tests failed, as the pipe would hide it.
{ print }
/^(FAIL|--- FAIL)/ { failed = 1 }
# The CPU time of the machine when the run starts and ends (Linux's
# /proc/stat), for the share the host took from it (steal, below).
BEGIN { cpuAtStart = cpuTimes() }
function cpuTimes(    line) {
	line = ""
	if ((getline line < "/proc/stat") > 0)
		close("/proc/stat")
	return line
}
# stolen is the share of the machine's CPU time between the /proc/stat
# lines from and to that the host gave other guests (steal, the 8th
# figure), of all its time but idle.
function stolen(from, to,    a, b, busy, i) {
	if (split(from, a) < 9 || split(to, b) < 9 || a[1] != "cpu")
		return -1
	for (i = 2; i <= 9; i++)
		if (i != 5 && i != 6) # idle, iowait
			busy += b[i] - a[i]
	return busy > 0 ? 100 * (b[9] - a[9]) / busy : -1
}
# The whole-job benchmarks are judged by their time: seconds per op.
/^Benchmark(Report100Hosts|Trend)(-[0-9]+)? / {
	for (i = 2; i <= NF; i++)
		if ($i == "ns/op")
			secs[$1] = $(i - 1) / 1e9
}
/^Benchmark.*MB\/s/ {
	name = $1
	if (name !~ /-[0-9]+$/)
		name = name "-1"
	for (i = 2; i <= NF; i++) {
		if ($i == "MB/s") {
			n[name]++
			mbs[name, n[name]] = $(i - 1)
		}
		# Peak memory is judged by its worst run, per command.
		if ($i == "peak-MB") {
			cmd = name ~ /EightCores/ ? "plot8" : name ~ /Plot/ ? "plot" : name ~ /Events/ ? "events" : "scan"
			if ($(i - 1) > peak[cmd])
				peak[cmd] = $(i - 1)
		}
	}
}
function median(name,    k, i, j, t, a) {
	k = n[name]
	if (k == 0)
		return 0
	for (i = 1; i <= k; i++)
		a[i] = mbs[name, i]
	for (i = 1; i <= k; i++)
		for (j = i + 1; j <= k; j++)
			if (a[j] < a[i]) {
				t = a[i]
				a[i] = a[j]
				a[j] = t
			}
	return a[int((k + 1) / 2)]
}
# row prints a figure beside its ceiling, and, for a row with a target
# (least MB/s), the target and whether the figure meets it ("not run"
# without the benchmark: the legacy ones need the shared corpus).
function row(what, name, ceiling, cname, least,    v, mark) {
	v = median(name)
	mark = ""
	if (least) {
		what = what " (target " least ")"
		mark = n[name] ? judge(v >= least) : notRun()
	}
	printf "  %-66s %6.0f   %-22s %6.0f%s\n", what, v, ceiling, median(cname), mark
}
function notRun() {
	unmeasured++
	return "   not run"
}
# judge counts a target and returns its mark.
function judge(ok) {
	targets++
	if (!ok) {
		missed++
		return "   MISSED"
	}
	return "   met"
}
# commandRows is the rows of a gcwatch command on 1 GiB of legacy logs, one
# core and all (bench names Benchmark<bench>-N).
function commandRows(command, bench, least) {
	row("gcwatch " command ", 1 GiB of legacy corpus logs, 1 core", "Benchmark" bench "-1", "reading its lines", "BenchmarkReadFile-1")
	row("gcwatch " command ", 1 GiB of legacy corpus logs, " cores " cores", "Benchmark" bench "-" cores, "reading its lines", "BenchmarkReadFile-1", least)
}
function peakRow(what, cmd) {
	if (peak[cmd] > 0)
		printf "  %-66s %6.0f%32s%s\n", what ", peak resident memory, MB (target 100)", peak[cmd], "", judge(peak[cmd] < 100)
}
# The machine the figures were measured on, as go test names it.
/^cpu: / && !machine {
	machine = substr($0, 6)
	sub(/ +$/, "", machine)
}
END {
	"date -u '+%Y-%m-%d %H:%M UTC'" | getline now
	printf "\nissue 9, MB/s (median of %d runs; the legacy target is read as the gc* one, end to end on all cores)\n", n["BenchmarkUnifiedG1-1"]
	printf "measured %s on %s, %d cores, %s:\n", now, machine ? machine : "an unnamed CPU", cores, goversion
	row("unified JDK 17 G1 parser, 1 core", "BenchmarkUnifiedG1-1", "line splitting alone", "BenchmarkLineCeiling-1", 500)
	row("legacy JDK 8 G1+CMS+Par parser, fixtures, 1 core", "BenchmarkLegacy-1", "line splitting alone", "BenchmarkLineCeiling-1")
	row("legacy JDK 8 G1+CMS parser, real corpus logs, 1 core", "BenchmarkLegacyCorpus-1", "line splitting alone", "BenchmarkLineCeiling-1")
	row("scan 512 MB of legacy corpus logs, 1 core", "BenchmarkScanLegacyCorpus-1", "line splitting alone", "BenchmarkLineCeiling-1")
	row("scan 512 MB of legacy corpus logs, " cores " cores", "BenchmarkScanLegacyCorpus-" cores, "line splitting alone", "BenchmarkLineCeiling-1", 500)
	row("scan 1 GiB G1 gc*,safepoint, 1 core", "BenchmarkScanFile-1", "reading its lines", "BenchmarkReadFile-1", 500)
	row("scan 1 GiB G1 gc*,safepoint, " cores " cores", "BenchmarkScanFile-" cores, "reading its lines", "BenchmarkReadFile-1", 1000)
	row("unified parser on each of " cores " cores at once, no chunks", "BenchmarkUnifiedG1Parallel-" cores, "on one core alone", "BenchmarkUnifiedG1Parallel-1")
	# gunzip alone is measured on as many cores, right after the scan in
	# each round (bench.sh); one goroutine decompresses either way.
	g = median("BenchmarkScanFileGzip-" cores)
	z = median("BenchmarkGunzipFile-" cores)
	printf "  %-66s %6.0f   %-22s %6.0f", "scan it gzip-compressed, " cores " cores", g, "gunzip alone, same run", z
	if (g > 0 && z > 0)
		printf "   (%.2fx its time; target 1.15x)%s", z / g, judge(z / g <= 1.15)
	printf "\n"
	row("gcwatch scan command, 1 GiB, 1 core", "BenchmarkScanCommand-1", "reading its lines", "BenchmarkReadFile-1", 500)
	row("gcwatch scan command, 1 GiB, " cores " cores", "BenchmarkScanCommand-" cores, "reading its lines", "BenchmarkReadFile-1", 1000)
	row("summarize 32 MB of -Xlog:gc in memory, 1 core", "BenchmarkSummarizeGCOnly-1", "line splitting alone", "BenchmarkLineCeiling-1")
	row("gcwatch scan command, 512 MB of -Xlog:gc, 1 core", "BenchmarkScanCommandGCOnly-1", "reading its lines", "BenchmarkReadFile-1")
	row("gcwatch scan command, 512 MB of -Xlog:gc, " cores " cores", "BenchmarkScanCommandGCOnly-" cores, "reading its lines", "BenchmarkReadFile-1")
	commandRows("scan", "ScanCommandLegacy", 500)
	peakRow("gcwatch scan, any log", "scan")
	commandRows("events", "EventsCommandLegacy", 0)
	commandRows("plot", "PlotCommandLegacy", 0)
	peakRow("gcwatch events", "events")
	peakRow("gcwatch plot", "plot")
	peakRow("gcwatch plot, GOMAXPROCS=8", "plot8")
	row("scan 1 GiB in 8 rotated files, 1 core", "BenchmarkScanRotated-1", "reading its lines", "BenchmarkReadFile-1")
	row("scan 1 GiB in 8 rotated files, " cores " cores", "BenchmarkScanRotated-" cores, "reading its lines", "BenchmarkReadFile-1", 1000)
	if ((steal = stolen(cpuAtStart, cpuTimes())) >= 0)
		printf "  %-66s %6.1f\n", "CPU time the host took from this machine during the run, %", steal
	for (name in secs) {
		report = name ~ /Report/
		what = report ? "report, 100 hosts x 50 MB, seconds (target 15)" : "histogram trend, 100 x 10,000 classes, seconds (target 1)"
		printf "  %-66s %6.2f%32s%s\n", what, secs[name], "", judge(secs[name] < (report ? 15 : 1))
	}
	printf "targets met: %d of %d measured", targets - missed, targets
	if (unmeasured)
		printf " (%d not run)", unmeasured
	printf "\n"
	exit failed
}
