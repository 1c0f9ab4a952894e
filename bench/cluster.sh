#!/usr/bin/env bash
# Cluster pacing benchmark: a real PostgreSQL (the tests' TestPostgres), the standalone sandbox (own process,
# 500 ms latency, quotas 10 and 20) and three pacing nodes as separate JVMs calling both actions with far more work
# than the quota. Prints the cluster's rate per action and RequestLimitExceeded answers; then, with a foreign load of
# 3/s on the health-code action, ocrbridge's rate against the 7/s left and its RequestLimitExceeded share; then the
# time it takes to climb back to >= 97 % of the quota once the foreign load stops. ~2.5 min after the build.
#   bench/cluster.sh
#   bench/cluster.sh -Dbench.foreign=5 -Dbench.latencyMs=100
# Options: -Dbench.nodes -Dbench.latencyMs -Dbench.aloneSeconds -Dbench.foreignSeconds -Dbench.afterSeconds
#          -Dbench.foreign -Dbench.threads (per action per node)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp test-compile
mvn -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
java "$@" -Dlogback.configurationFile=config/logback.xml -cp "$CP" dev.ocrbridge.bench.ClusterBench 2>&1 \
  | grep -vE '^[0-9:.]+ (INFO|WARN) '
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
