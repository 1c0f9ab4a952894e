#!/usr/bin/env bash
# Accuracy and speed of the local recognizer on the generated documents (28 health-code styles, 59 health codes; 10
# Korean card styles, 35 cards; 6 degradations each, and the tuned health codes in 5 more of what phones do): fields
# right / total per action and per degradation, per group (tuned / held-out, VariedDocuments.HELD_OUT) and per style,
# spurious values, face photos, QR colour accuracy, Hanja names on undegraded cards, warm recognition time and process
# CPU per image. -Dverbose=true lists every miss (read the tuned group's only: the held-out layouts are for measuring);
# -Dgroup=tuned|heldout runs one group; -Dsamples=PREFIX runs only the documents whose id starts so (korean,
# health-beijing, ...); -Dwarmup=N warms up on the first N documents only (a quick look; report figures warmed on all).
# Needs the CJK fonts the tests use (apt-get install fonts-noto-cjk).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -DskipTests test-compile
mvn -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
export OMP_THREAD_LIMIT=1
exec java "$@" -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
     dev.ocrbridge.localocr.LocalRecognitionAccuracy
