#!/usr/bin/env bash
# The whole-call benchmark: callers through the shipped flows over FastAGI, the queue, the ring,
# the pop, the answer, the hang-up and the survey, at rising rates, against the server as a
# process of its own on its embedded PostgreSQL and Redis with a million customers (seeded once
# into the data directory, shared with bench/pops.sh). Reports per rate the server's CPU and
# allocation per call, PostgreSQL's and Redis's CPU, pop and FastAGI latencies, connections in
# use and whether every call was stored whole. BENCH_SERVER_OPTS adds JVM options to the server
# (a profile: BENCH_SERVER_OPTS=-XX:StartFlightRecording=filename=calls.jfr,settings=profile).
# Usage: bench/calls.sh [RATES=2,5,10,20] [SECONDS=30] [DATA_DIR=bench-data/pops] [POOL=10] [AGENTS=300]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/.mvn/find-jdk.sh"
(cd "$root" && ./mvnw -q -B -DskipTests package -pl benchmarks -am)
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
cd "$root"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx2g -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" \
  org.hotline.bench.calls.WholeCallBenchmark "${1:-2,5,10,20}" "${2:-30}" "${3:-bench-data/pops}" "${4:-10}" "${5:-300}"
