#!/usr/bin/env bash
# Accuracy and speed of the sandbox's local recognizer on the generated documents (3 health-code layouts x 3
# colours, 6 Korean cards; 6 degradations each): fields right / total per action and per degradation, QR colour
# accuracy, Hanja names on undegraded cards, warm recognition time per image. -Dverbose=true lists every miss; -Dsamples=PREFIX
# runs only the documents whose id starts so (korean, health-beijing, ...).
# Needs the CJK fonts the tests use (apt-get install fonts-noto-cjk).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -DskipTests test-compile
mvn -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
export OMP_THREAD_LIMIT=1
exec java "$@" -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
     dev.ocrbridge.localocr.LocalRecognitionAccuracy
