#!/usr/bin/env bash
# Regenerates the real JVM GC logs under testdata/jvm/logs/.
#
# Usage:  testdata/jvm/make-logs.sh [GLOB]
#   With no argument every log is remade; with GLOB (e.g. 'jdk25-*' or
#   '*-deco-*') only the logs whose name matches are remade.
#
# One JVM runs at a time. Every run is a line `run NAME JAVA OPTIONS... MAIN ARGS...`:
#   NAME is the output file (or directory) under logs/, it is deleted first;
#   the JVM's stdout/stderr are discarded (except for the *-stdout log, which
#   IS the captured stdout). Exit codes are ignored (the OOM runs die on purpose).
# Environment: J17 (default: java on PATH, 17.0.15), J25 (default temurin 25),
#   TZ (default UTC; the decoration group sets Asia/Kolkata, +0530, on purpose).
set -u
cd "$(dirname "$0")"
J17=${J17:-java}
J25=${J25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAVAC=${JAVAC:-javac}
CLS=${TMPDIR:-/tmp}/gcwatch-jvm-classes
export TZ=${TZ:-UTC}
FILTER=${1:-*}

mkdir -p logs "$CLS"
"$JAVAC" --release 17 -d "$CLS" java/*.java || exit 1

# Heap and CPU for every run (the build machine has 2 shared cores).
BASE="-Xmx64m -XX:ActiveProcessorCount=2 -cp $CLS"
DEC=time,uptime,level,tags

# Program arguments, see java/*.java for their meaning.
SLOWLEAK="30 8 20 70 3"          # 30 s, 8 MB/s garbage, live 20%->70% of heap, System.gc() every 3 s
STEADY="30 8 30 3"               # 30 s, 8 MB/s garbage, live 30% of heap, System.gc() every 3 s
LEAKOOM="3 8 3"                  # leak 3 MB/s, 8 MB/s garbage, System.gc() every 3 s, until OOM
GROWREL="30 8 20 70 12 3"        # 30 s, 8 MB/s garbage, live 20%->70% over 12 s then back to 20%, System.gc() every 3 s
PERIODIC="30 8 30 3"             # 30 s, 8 MB/s garbage, live 30% of heap, System.gc() every 3 s
SHORT="10 8 20 70 2"             # short SlowLeak for the selection group
DECO="6 8 20 70 2"               # very short SlowLeak for the decoration group
# Shenandoah prints a ~100-line gc,stats block after EVERY cycle and each
# System.gc() restarts its 5 "learning" cycles, so at -Xmx64m/8 MB/s it logs
# ~5 MB in 30 s. Shenandoah runs use 128 MB, 2 MB/s garbage, System.gc() every 10 s
# (PeriodicSystemGC: every 5 s), 25 s runs.
SHEN="-Xmx128m -XX:ActiveProcessorCount=2 -cp $CLS"
SHEN_SLOWLEAK="25 2 20 70 10"
SHEN_STEADY="25 2 30 10"
SHEN_LEAKOOM="32 2 1"             # fast: the pre-OOM thrash is ~170 back-to-back cycles/s, 14 KB of gc,stats each
SHEN_GROWREL="25 2 20 70 10 10"
SHEN_PERIODIC="25 2 30 10"
# Generational Shenandoah (JDK 25) at live 20%->70% of 128 MB does back-to-back
# "Expedite mixed evacuation" cycles (13 MB of log); it gets a smaller leak.
SHENGEN_SLOWLEAK="22 2 10 40 10"
# ZGC on JDK 25 (generational) at 64 MB and 8 MB/s runs ~100 collections
# (1 MB of log); JDK 25 ZGC runs use 128 MB, 4 MB/s garbage, 25 s runs.
ZGC25="-Xmx128m -XX:ActiveProcessorCount=2 -cp $CLS"
ZGC25_SLOWLEAK="25 4 20 70 3"
ZGC25_STEADY="25 4 30 3"
ZGC25_LEAKOOM="5 4 3"
ZGC25_GROWREL="25 4 20 70 10 3"
ZGC25_PERIODIC="25 4 30 3"
# Epsilon never collects: with the SlowLeak args it dies of OOM after ~6 s
# (kept: that is what Epsilon does). The *-epsilon512m-* run survives.
EPS_SURVIVE="-Xmx512m -XX:ActiveProcessorCount=2 -cp $CLS"
EPS_SLOWLEAK="15 2 5 20 3"

run() {
    local name=$1; shift
    # shellcheck disable=SC2053
    [[ $name == $FILTER ]] || return 0
    rm -rf "logs/$name"
    [[ $name == *-rotation ]] && mkdir -p "logs/$name"
    echo "== $name" >&2
    local start=$SECONDS
    "$@" >/dev/null 2>&1
    echo "   exit $? after $((SECONDS - start)) s" >&2
}

# run NAME, but the JVM's stdout is the log (for -Xlog to stdout)
run_stdout() {
    local name=$1; shift
    # shellcheck disable=SC2053
    [[ $name == $FILTER ]] || return 0
    echo "== $name" >&2
    "$@" >"logs/$name" 2>/dev/null
    echo "   exit $?" >&2
}

X() { echo "-Xlog:gc*:file=logs/$1:$DEC"; }   # the standard selection for groups a and b

# ---------------------------------------------------------------- a. collector matrix (SlowLeak)
run jdk17-serial-slowleak.log      $J17 $BASE -XX:+UseSerialGC     "$(X jdk17-serial-slowleak.log)"     SlowLeak $SLOWLEAK
run jdk17-parallel-slowleak.log    $J17 $BASE -XX:+UseParallelGC   "$(X jdk17-parallel-slowleak.log)"   SlowLeak $SLOWLEAK
run jdk17-g1-slowleak.log          $J17 $BASE -XX:+UseG1GC         "$(X jdk17-g1-slowleak.log)"         SlowLeak $SLOWLEAK
run jdk17-zgc-slowleak.log         $J17 $BASE -XX:+UseZGC          "$(X jdk17-zgc-slowleak.log)"        SlowLeak $SLOWLEAK
run jdk17-shenandoah-slowleak.log  $J17 $SHEN -XX:+UseShenandoahGC "$(X jdk17-shenandoah-slowleak.log)" SlowLeak $SHEN_SLOWLEAK
run jdk17-epsilon-slowleak.log     $J17 $BASE -XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC "$(X jdk17-epsilon-slowleak.log)" SlowLeak $SLOWLEAK
run jdk17-epsilon512m-slowleak.log $J17 $EPS_SURVIVE -XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC "$(X jdk17-epsilon512m-slowleak.log)" SlowLeak $EPS_SLOWLEAK
run jdk25-serial-slowleak.log      $J25 $BASE -XX:+UseSerialGC     "$(X jdk25-serial-slowleak.log)"     SlowLeak $SLOWLEAK
run jdk25-parallel-slowleak.log    $J25 $BASE -XX:+UseParallelGC   "$(X jdk25-parallel-slowleak.log)"   SlowLeak $SLOWLEAK
run jdk25-g1-slowleak.log          $J25 $BASE -XX:+UseG1GC         "$(X jdk25-g1-slowleak.log)"         SlowLeak $SLOWLEAK
run jdk25-zgc-slowleak.log          $J25 $ZGC25 -XX:+UseZGC         "$(X jdk25-zgc-slowleak.log)"        SlowLeak $ZGC25_SLOWLEAK
run jdk25-shenandoah-slowleak.log  $J25 $SHEN -XX:+UseShenandoahGC "$(X jdk25-shenandoah-slowleak.log)" SlowLeak $SHEN_SLOWLEAK
run jdk25-shenandoahgen-slowleak.log $J25 $SHEN -XX:+UseShenandoahGC -XX:ShenandoahGCMode=generational "$(X jdk25-shenandoahgen-slowleak.log)" SlowLeak $SHENGEN_SLOWLEAK
run jdk25-epsilon-slowleak.log     $J25 $BASE -XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC "$(X jdk25-epsilon-slowleak.log)" SlowLeak $SLOWLEAK
run jdk25-epsilon512m-slowleak.log $J25 $EPS_SURVIVE -XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC "$(X jdk25-epsilon512m-slowleak.log)" SlowLeak $EPS_SLOWLEAK

# ---------------------------------------------------------------- b. scenarios (verdict tests)
# (the SlowLeak files of this group are the matrix files above)
for pair in "jdk17 g1 -XX:+UseG1GC" "jdk25 g1 -XX:+UseG1GC" "jdk17 parallel -XX:+UseParallelGC" \
    "jdk17 serial -XX:+UseSerialGC" "jdk17 zgc -XX:+UseZGC"; do
    set -- $pair
    if [[ $1 == jdk17 ]]; then J=$J17; else J=$J25; fi
    run $1-$2-steady.log       $J $BASE $3 "$(X $1-$2-steady.log)"       Steady $STEADY
    run $1-$2-leaktooom.log    $J $BASE $3 "$(X $1-$2-leaktooom.log)"    LeakToOOM $LEAKOOM
    run $1-$2-growrelease.log  $J $BASE $3 "$(X $1-$2-growrelease.log)"  GrowRelease $GROWREL
    run $1-$2-periodicgc.log   $J $BASE $3 "$(X $1-$2-periodicgc.log)"   PeriodicSystemGC $PERIODIC
done
run jdk25-zgc-steady.log       $J25 $ZGC25 -XX:+UseZGC "$(X jdk25-zgc-steady.log)"       Steady $ZGC25_STEADY
run jdk25-zgc-leaktooom.log    $J25 $ZGC25 -XX:+UseZGC "$(X jdk25-zgc-leaktooom.log)"    LeakToOOM $ZGC25_LEAKOOM
run jdk25-zgc-growrelease.log  $J25 $ZGC25 -XX:+UseZGC "$(X jdk25-zgc-growrelease.log)"  GrowRelease $ZGC25_GROWREL
run jdk25-zgc-periodicgc.log   $J25 $ZGC25 -XX:+UseZGC "$(X jdk25-zgc-periodicgc.log)"   PeriodicSystemGC $ZGC25_PERIODIC
run jdk25-shenandoah-steady.log      $J25 $SHEN -XX:+UseShenandoahGC "$(X jdk25-shenandoah-steady.log)"      Steady $SHEN_STEADY
run jdk25-shenandoah-leaktooom.log   $J25 $SHEN -XX:+UseShenandoahGC "$(X jdk25-shenandoah-leaktooom.log)"   LeakToOOM $SHEN_LEAKOOM
run jdk25-shenandoah-growrelease.log $J25 $SHEN -XX:+UseShenandoahGC "$(X jdk25-shenandoah-growrelease.log)" GrowRelease $SHEN_GROWREL
run jdk25-shenandoah-periodicgc.log  $J25 $SHEN -XX:+UseShenandoahGC "$(X jdk25-shenandoah-periodicgc.log)"  PeriodicSystemGC $SHEN_PERIODIC
run jdk17-shenandoah-steady.log      $J17 $SHEN -XX:+UseShenandoahGC "$(X jdk17-shenandoah-steady.log)"      Steady $SHEN_STEADY
run jdk17-shenandoah-leaktooom.log   $J17 $SHEN -XX:+UseShenandoahGC "$(X jdk17-shenandoah-leaktooom.log)"   LeakToOOM $SHEN_LEAKOOM
run jdk17-shenandoah-growrelease.log $J17 $SHEN -XX:+UseShenandoahGC "$(X jdk17-shenandoah-growrelease.log)" GrowRelease $SHEN_GROWREL
run jdk17-shenandoah-periodicgc.log  $J17 $SHEN -XX:+UseShenandoahGC "$(X jdk17-shenandoah-periodicgc.log)"  PeriodicSystemGC $SHEN_PERIODIC

# ---------------------------------------------------------------- b3. gentle leaks
# SlowLeak from 20% to only 50% of the heap: the run ends well before the heap is full, so the
# log shows a leak without the back-to-back full collections of the 70% runs.
GENTLE="30 8 20 50 3"
for pair in "jdk17 serial -XX:+UseSerialGC" "jdk17 parallel -XX:+UseParallelGC" "jdk17 g1 -XX:+UseG1GC" "jdk25 g1 -XX:+UseG1GC"; do
    set -- $pair
    if [[ $1 == jdk17 ]]; then J=$J17; else J=$J25; fi
    run $1-$2-gentleleak.log $J $BASE $3 "$(X $1-$2-gentleleak.log)" SlowLeak $GENTLE
done

# ---------------------------------------------------------------- e. rotation (wraps around)
run jdk17-g1-rotation $J17 $BASE -XX:+UseG1GC "-Xlog:gc*:file=logs/jdk17-g1-rotation/gc.log:$DEC:filecount=5,filesize=64k" SlowLeak 41 16 20 70 3
run jdk25-g1-rotation $J25 $BASE -XX:+UseG1GC "-Xlog:gc*:file=logs/jdk25-g1-rotation/gc.log:$DEC:filecount=5,filesize=64k" SlowLeak 50 16 20 70 3

# ---------------------------------------------------------------- c. selections (default decorations)
for v in 17 25; do
    if [[ $v == 17 ]]; then J=$J17; else J=$J25; fi
    n=jdk$v-g1-sel
    run ${n}-gc.log             $J $BASE -XX:+UseG1GC "-Xlog:gc:file=logs/${n}-gc.log"                        SlowLeak $SHORT
    run ${n}-gcstar.log         $J $BASE -XX:+UseG1GC "-Xlog:gc*:file=logs/${n}-gcstar.log"                   SlowLeak $SHORT
    run ${n}-gcstar-debug.log   $J $BASE -XX:+UseG1GC "-Xlog:gc*=debug:file=logs/${n}-gcstar-debug.log"       SlowLeak 3 3 20 70 1
    run ${n}-gcstar-safepoint.log $J $BASE -XX:+UseG1GC "-Xlog:gc*,safepoint:file=logs/${n}-gcstar-safepoint.log" SlowLeak $SHORT
    run ${n}-gcheap-debug.log   $J $BASE -XX:+UseG1GC "-Xlog:gc+heap=debug:file=logs/${n}-gcheap-debug.log"   SlowLeak $SHORT
    # -Xlog:gc to stdout: the file is the program's stdout, GC lines interleaved with "app: t=..." lines
    run_stdout ${n}-gc-stdout.log $J $BASE -XX:+UseG1GC -Xlog:gc                                             SlowLeak $SHORT
done

# ---------------------------------------------------------------- d. decorations (TZ +0530 so time and utctime differ)
TZ=Asia/Kolkata
for d in uptime uptimemillis uptimenanos time utctime timemillis timenanos hostname pid tid level tags \
         time,uptime,level,tags utctime,uptimemillis,pid,tid hostname,time,level,tags \
         time,utctime,uptime,timemillis,uptimemillis,timenanos,uptimenanos,hostname,pid,tid,level,tags none; do
    n=jdk17-g1-deco-${d//,/-}.log; [[ $d == time,utctime,* ]] && n=jdk17-g1-deco-all.log
    run $n $J17 $BASE -XX:+UseG1GC "-Xlog:gc*:file=logs/$n:$d" SlowLeak $DECO
done
for d in uptime,level,tags level time,uptime,level,tags \
         time,utctime,uptime,timemillis,uptimemillis,timenanos,uptimenanos,hostname,pid,tid,level,tags none; do
    n=jdk25-g1-deco-${d//,/-}.log; [[ $d == time,utctime,* ]] && n=jdk25-g1-deco-all.log
    run $n $J25 $BASE -XX:+UseG1GC "-Xlog:gc*:file=logs/$n:$d" SlowLeak $DECO
done

# ---------------------------------------------------------------- g. benchmark input (gclog BenchmarkScanFile)
# One continuous minute of a G1 service under load (400 MB/s of garbage, live set 20% -> 45%),
# -Xlog:gc*,safepoint without rotation; ~16 MB, kept gzip-compressed under bench/.
B=jdk17-g1-gcstar-safepoint-long.log
run $B $J17 $BASE -XX:+UseG1GC "-Xlog:gc*,safepoint:file=logs/$B:$DEC:filecount=0" SlowLeak 60 400 20 45 10
if [[ -f logs/$B ]]; then
    mkdir -p bench && gzip -9 -c "logs/$B" >"bench/$B.gz" && rm "logs/$B"
fi
