#!/usr/bin/env bash
# Halt benchmark: one service (in-process, the real routes) against the sandbox with 500 ms latency, 80 health-code
# images, the account answering ResourcesSoldOut.ChargeStatusException from the 12th request on. Prints how many
# requests arrived after the first halt answer. ~30 s after the build.
#   bench/halt.sh
#   bench/halt.sh -Dbench.images=200 -Dbench.latencyMs=100 -Dbench.haltFrom=30
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp test-compile
mvn -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
java "$@" -Dlogback.configurationFile=config/logback.xml -cp "$CP" dev.ocrbridge.bench.HaltBench 2>&1 \
  | grep -vE '^[0-9:.]+ (INFO|WARN|ERROR) '
