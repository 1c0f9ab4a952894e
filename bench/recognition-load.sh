#!/usr/bin/env bash
# The service with its embedded sandbox and local recognizer, both actions at their default quotas, every generated
# document dropped at once, in a 512 MB heap: images/s, how they ended, peak used heap. Needs fonts-noto-cjk.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -DskipTests test-compile
mvn -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
export OMP_THREAD_LIMIT=1
java -Xmx512m "$@" -Dlogback.configurationFile=config/logback.xml \
     -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
     dev.ocrbridge.bench.LocalRecognitionLoadBench 2>&1 | grep -vE '^[0-9:.]+ (INFO|DEBUG) '
