#!/usr/bin/env bash
# End-to-end benchmark: N images per action through the file drop of the real service against the standalone
# sandbox (its own process) with latency and quotas; then the same workload through the official SDK.
#   bench/e2e.sh                              300 images/action, 20 KB each, 500 ms latency, quotas 10 and 20
#   bench/e2e.sh -Dbench.images=100 -Dbench.imageBytes=5505024 -Xmx512m    7 MB images (Base64 at the limit), heap cap
#   bench/e2e.sh -Dbench.mode=sdk             the official-SDK thread-pool baseline only
# Options: -Dbench.images -Dbench.latencyMs -Dbench.imageBytes -Dbench.healthRate -Dbench.koreanRate
#          -Dbench.sdkThreads -Dbench.mode=ocrbridge|sdk|both (default both)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp test-compile
mvn -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
mode=both
for a in "$@"; do case "$a" in -Dbench.mode=*) mode="${a#-Dbench.mode=}";; esac; done
run() { java "$@" -Dlogback.configurationFile=config/logback.xml -cp "$CP" dev.ocrbridge.bench.EndToEndBench 2>&1 \
          | grep -vE '^[0-9:.]+ (INFO|WARN) '; }
if [ "$mode" = both ] || [ "$mode" = ocrbridge ]; then run "$@" -Dbench.mode=ocrbridge; fi
if [ "$mode" = both ] || [ "$mode" = sdk ]; then run "$@" -Dbench.mode=sdk; fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
