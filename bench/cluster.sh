#!/usr/bin/env bash
# Cluster pacing benchmark: a real PostgreSQL (the tests' TestPostgres), the standalone sandbox (own process,
# 500 ms latency, quotas 10 and 20) and three pacing nodes (-Dbench.nodes) as separate JVMs calling both actions with
# far more work than the quota. Prints the fresh nodes' first seconds; the cluster's rate per action and
# RequestLimitExceeded answers, one node SIGKILLed and started again meanwhile; each node's distribution of how far
# behind its slot each request left (and its parts); then, with a foreign load of
# 3/s on the health-code action, ocrbridge's rate against the 7/s left and its RequestLimitExceeded share; then the
# time it takes to climb back to >= 97 % of the quota once the foreign load stops. ~3 min after the build.
#   bench/cluster.sh
#   bench/cluster.sh -Dbench.foreign=5 -Dbench.latencyMs=100
#   bench/cluster.sh -Dbench.nodes=2 -Dbench.foreignSeconds=20 -Dbench.afterSeconds=20
# Options: -Dbench.nodes -Dbench.latencyMs -Dbench.aloneSeconds -Dbench.foreignSeconds -Dbench.afterSeconds
#          -Dbench.warmupSeconds -Dbench.foreign -Dbench.threads (per action per node)
#          -Dbench.killAt (seconds into the cluster-alone phase; default a third of it; -1: no kill)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp test-compile
mvn -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
java "$@" -Dlogback.configurationFile=config/logback.xml -cp "$CP" dev.ocrbridge.bench.ClusterBench 2>&1 \
  | grep -vE '^[0-9:.]+ (INFO|WARN) '
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
