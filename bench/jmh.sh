#!/usr/bin/env bash
# Builds the test classes and runs the JMH benchmarks (src/test/java/dev/ocrbridge/bench) with the GC profiler,
# then prints a compact table: time/op, gc.alloc.rate.norm (bytes allocated per op) and the target ratios.
#
#   bench/jmh.sh                                   # everything, all sizes (~4 min on 2 cores)
#   bench/jmh.sh 'HotPathBenchmark.ocrbridge_.*' -p size=5505024
#   bench/jmh.sh -f 2 -wi 5 -i 10                  # any JMH option is passed through ("$@")
#   bench/jmh.sh -bm sample                        # busy machine: the table then shows and compares medians
#
# Full JMH output is kept in target/jmh/jmh.log, results in target/jmh/result.json.
# Exits non-zero if any benchmark failed.
set -euo pipefail

cd "$(dirname "$0")/.."
out=target/jmh
mkdir -p "$out"

# Compile main + test (runs the JMH annotation processor) and write the test-scope classpath: JMH forks
# re-use the host JVM's class path, so it must be the real one, not a Maven-plugin class loader.
if ! mvn -q -B test-compile dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile="$out/classpath.txt" >"$out/build.log" 2>&1; then
    cat "$out/build.log" >&2
    echo "bench/jmh.sh: build failed" >&2
    exit 1
fi

# Run from a private snapshot of the compiled classes: other builds in this working tree (mvn compile/test/clean)
# rewrite target/classes while a multi-minute run is forking JVMs, which shows up as ClassNotFoundException.
work="$(mktemp -d "${TMPDIR:-/tmp}/ocrbridge-jmh.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp -r target/classes "$work/classes"
cp -r target/test-classes "$work/test-classes"
cp "$out/classpath.txt" "$work/classpath.txt"
cp="$work/test-classes:$work/classes:$(cat "$work/classpath.txt")"

status=0
java -cp "$cp" org.openjdk.jmh.Main -prof gc -rf json -rff "$work/result.json" "$@" 2>&1 | tee "$work/jmh.log" \
    || status=$?

mkdir -p "$out"
cp "$work/jmh.log" "$out/jmh.log"
if [[ -s "$work/result.json" ]]; then
    cp "$work/result.json" "$out/result.json"
    java -cp "$cp" dev.ocrbridge.bench.JmhResultTable "$work/result.json"
fi
if grep -q '<failure>' "$work/jmh.log"; then
    echo "bench/jmh.sh: some benchmarks failed, see $out/jmh.log" >&2
    status=1
fi
exit "$status"
