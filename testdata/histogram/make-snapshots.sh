#!/usr/bin/env bash
# make-snapshots.sh takes the real class histogram snapshots in this folder
# from java/leakdemo/Leak.java, with JDK 17 (on PATH) and JDK 25 (Temurin). Re-running
# it replaces jdk17/ and jdk25/; the goldens then need `go test ./... -update`
# and a review. Each JVM runs with -Xmx64m and is stopped at the end.
#
# File names carry the time of the snapshot (UTC, yyyymmddThhmmssZ), which
# `gcwatch histo trend` reads.
set -euo pipefail
cd "$(dirname "$0")"
J17=${J17:-$(dirname "$(readlink -f "$(command -v java)")")}
J25=${J25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

"$J17/javac" --release 17 -encoding UTF-8 -d "$TMP/classes" java/leakdemo/Leak.java
"$J17/javac" --release 17 -encoding UTF-8 -d "$TMP/plugin" java/Plugin.java

stamp() { date -u +%Y%m%dT%H%M%SZ; }

# snapshots JDKBIN OUTDIR STEPS: one Leak JVM, STEPS steps, a live jmap
# histogram after each step (the trend), then one of each other kind, then a
# second JVM whose GC log has the histograms before and after one full GC.
snapshots() {
	local J=$1 D=$2 steps=$3 line pid
	rm -rf "$D"
	mkdir -p "$D"
	coproc LEAK { exec "$J/java" -Xmx64m -XX:+UseSerialGC -cp "$TMP/classes" leakdemo.Leak "$TMP/plugin"; }
	pid=$LEAK_PID
	read -r line <&"${LEAK[0]}" # step 0
	for ((i = 1; i <= steps; i++)); do
		echo >&"${LEAK[1]}"
		read -r line <&"${LEAK[0]}"
		"$J/jmap" -histo:live "$pid" >"$D/jmap-live-$(stamp).txt"
		sleep 2
	done
	"$J/jmap" -histo "$pid" >"$D/jmap-all.txt"
	"$J/jcmd" "$pid" GC.class_histogram >"$D/jcmd-live.txt"
	"$J/jcmd" "$pid" GC.class_histogram -all >"$D/jcmd-all.txt"
	"$J/jhsdb" jmap --histo --pid "$pid" >"$D/jhsdb-histo.txt"
	"$J/jmap" -histo:live,file="$TMP/heap.txt" "$pid" >"$D/jmap-file-message.txt"
	exec {LEAK[1]}>&-
	wait "$pid" || true
	"$J/jcmd" 999999 GC.class_histogram >"$D/jcmd-no-such-pid.txt" 2>&1 || true

	coproc LEAK { exec "$J/java" -Xmx64m -XX:+UseSerialGC \
		-Xlog:gc+classhisto*=trace:file="$D/gclog-classhisto.log":time,level,tags \
		-cp "$TMP/classes" leakdemo.Leak "$TMP/plugin"; }
	pid=$LEAK_PID
	read -r line <&"${LEAK[0]}"
	echo >&"${LEAK[1]}"
	read -r line <&"${LEAK[0]}"
	"$J/jcmd" "$pid" GC.run >/dev/null
	exec {LEAK[1]}>&-
	wait "$pid" || true
	# GC logs are kept gzipped, as they often are on servers (and to keep the
	# repository small); gcwatch reads gzip and zstd.
	gzip -9n "$D/gclog-classhisto.log"
}

snapshots "$J17" jdk17 4
snapshots "$J25" jdk25 3

# Two JVMs of the same main class: jcmd prints one block per JVM.
(sleep 8) | "$J17/java" -Xmx64m -cp "$TMP/classes" leakdemo.Leak "$TMP/plugin" >/dev/null &
(sleep 8) | "$J17/java" -Xmx64m -cp "$TMP/classes" leakdemo.Leak "$TMP/plugin" >/dev/null &
sleep 3
"$J17/jcmd" leakdemo.Leak GC.class_histogram >jdk17/jcmd-two-jvms.txt
wait

# -XX:+PrintClassHistogram: SIGQUIT writes a thread dump and a histogram to stdout.
(echo; echo; sleep 4) | "$J17/java" -Xmx64m -XX:+PrintClassHistogram -cp "$TMP/classes" leakdemo.Leak "$TMP/plugin" >jdk17/stdout-sigquit.txt &
sleep 2.5
kill -QUIT $!
wait
