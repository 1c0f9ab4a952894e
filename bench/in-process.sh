#!/usr/bin/env bash
# In-process local recognition against the sandbox over loopback HTTP, the same recognizer behind both: wall time and
# process CPU per image, and what in-process saves. ~2 min after the build.
#   bench/in-process.sh
#   bench/in-process.sh -Dbench.rounds=4
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp test-compile
mvn -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
OMP_THREAD_LIMIT=1 java "$@" -Dlogback.configurationFile=config/logback.xml -cp "$CP" dev.ocrbridge.bench.InProcessBench 2>&1 \
  | grep -vE '^[0-9:.]+ (INFO|WARN) '
