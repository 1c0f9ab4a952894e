#!/usr/bin/env bash
# End-to-end benchmark: images dropped into the file inboxes of the real service, against the standalone sandbox
# (its own process) with 500 ms latency and quotas 10 (health code) and 20 (Korean ID), both actions at once; the
# same workload through the official SDK in a thread pool beside it. Each run is a fresh JVM.
#
#   bench/e2e.sh            the tables of BENCHMARKS.md, one run each, printed as one table at the end (~5 min):
#                           (a) 20 KB images, 100 + 200          ocrbridge | SDK
#                           (b) 7 MB images, 60 + 60, -Xmx512m   ocrbridge | SDK
#                           (c) 100 health-code images of 20 KB dropped into a freshly started service | SDK
#   bench/e2e.sh --only b   one table's runs only (a, b or c; may be repeated: --only a --only c), same labels
#   bench/e2e.sh -Dbench.images=100 -Dbench.imageBytes=5505024 -Xmx512m    one custom run (any options below)
#   bench/e2e.sh -Dbench.mode=sdk ...                                        the SDK baseline only
# Options: -Dbench.images (per action) -Dbench.healthImages -Dbench.koreanImages -Dbench.latencyMs
#          -Dbench.imageBytes -Dbench.healthRate -Dbench.koreanRate -Dbench.sdkThreads
#          -Dbench.mode=ocrbridge|sdk|both (default both) -Dbench.warmup=true -Dbench.warmupImages (per action, before
#          the measured run: a few dozen large ones let the JIT compile the hot loops first); JVM options pass through;
#          -Dbench.sandboxJvmArgs="..." passes JVM options to the sandbox's process (e.g. a JFR recording);
#          -Dbench.sync=false leaves what the staging and the warm-up wrote unflushed when the measured run starts
#          (by default it is written back first: on a disk, gigabytes of dirty pages left by the bench cost the
#          service's threads system time that is the bench's, not the service's).
# After each run: each process's CPU per image, total and by thread group (/proc: the Camel threads, the JIT's
# compilers, GC...; system time apart), the client's split into system, JIT compiler threads and user outside the
# JIT, and the floor measured in the same JVM. The client's own steps alone, one thread: ClientStepsBench (see
# BENCHMARKS.md).
# Rates are answered requests per second from the first request's arrival at the sandbox to the last one's
# (what the API counts), as a share of the quota; heap is the peak of heap-in-use right after a collection
# (the GC notifications; each run's -Xlog:gc log is kept in target/bench/).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp test-compile
mvn -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
mkdir -p target/bench
rows=target/bench/rows.txt
: > "$rows"

run() { # mode label args...
    local mode=$1 label=$2
    shift 2
    local out=target/bench/run.log gc="target/bench/gc-${label%%:*}-$mode.log"
    java -Xlog:gc:file="$gc" "$@" -Dbench.mode="$mode" -Dbench.label="$label" \
         -Dlogback.configurationFile=config/logback.xml -cp "$CP" dev.ocrbridge.bench.EndToEndBench 2>&1 \
        | grep -vE '^[0-9:.]+ (INFO|WARN) ' > "$out" || true
    grep -v '^ROW|' "$out" || true
    cat "$out" >> target/bench/e2e.log
    grep -h '^ROW|' "$out" >> "$rows" || echo "ROW|$label|$mode|failed, see target/bench/e2e.log||||" >> "$rows"
}
: > target/bench/e2e.log

only=""
while [ "${1:-}" = --only ]; do only="$only${2:?--only needs a, b or c}"; shift 2; done
table() { [ -z "$only" ] || [[ "$only" == *"$1"* ]]; }

if [ $# -gt 0 ]; then
    mode=both
    for a in "$@"; do case "$a" in -Dbench.mode=*) mode="${a#-Dbench.mode=}";; esac; done
    if [ "$mode" = both ] || [ "$mode" = ocrbridge ]; then run ocrbridge custom "$@"; fi
    if [ "$mode" = both ] || [ "$mode" = sdk ]; then run sdk custom "$@"; fi
else
    small=(-Dbench.imageBytes=20000)
    large=(-Dbench.imageBytes=5505024 -Xmx512m)
    table a && for mode in ocrbridge sdk; do
        run "$mode" "a: 20 KB, 100 + 200" "${small[@]}" -Dbench.healthImages=100 -Dbench.koreanImages=200
    done
    table b && for mode in ocrbridge sdk; do
        run "$mode" "b: 7 MB, 60 + 60, -Xmx512m" "${large[@]}" -Dbench.images=60
    done
    table c && for mode in ocrbridge sdk; do
        run "$mode" "c: fresh JVM, 100 health codes of 20 KB" "${small[@]}" -Dbench.healthImages=100 -Dbench.koreanImages=0
    done
fi

echo
echo "| run | client | health code, of quota 10 | Korean ID, of quota 20 | \`RequestLimitExceeded\` | heap in use after GC, peak |"
echo "|---|---|---|---|---|---|"
awk -F'|' '{ printf "| %s | %s | %s | %s | %s | %s MB (-Xmx %s MB) |\n", $2, $3, $4, $5, $6, $7, $8 }' "$rows"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
