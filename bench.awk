# bench.awk passes `go test -bench` output through and ends it with the
# figures of issue 9, each beside the ceiling it is compared with, measured
# in the same run: the median of each benchmark's runs (-count). It fails
# when the tests failed, as the pipe would hide it.
{ print }
/^(FAIL|--- FAIL)/ { failed = 1 }
/^Benchmark.*MB\/s/ {
	name = $1
	sub(/-[0-9]+$/, "", name)
	for (i = 2; i <= NF; i++)
		if ($i == "MB/s") {
			n[name]++
			mbs[name, n[name]] = $(i - 1)
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
END {
	line = median("BenchmarkLineCeiling")
	g = median("BenchmarkUnifiedG1Gzip")
	z = median("BenchmarkGunzip")
	printf "\nissue 9, MB/s (median of %d runs; one core, gzip on two: decompression runs ahead):\n", n["BenchmarkUnifiedG1"]
	printf "  %-34s %6.0f   line splitting alone %6.0f\n", "unified JDK 17 G1 (target 500)", median("BenchmarkUnifiedG1"), line
	printf "  %-34s %6.0f   line splitting alone %6.0f\n", "legacy JDK 8 G1+CMS (target 500)", median("BenchmarkLegacy"), line
	printf "  %-34s %6.0f   gunzip alone         %6.0f", "unified JDK 17 G1, gzip", g, z
	if (g > 0)
		printf "   (%.2fx its time; target 1.15x)", z / g
	printf "\n"
	exit failed
}
