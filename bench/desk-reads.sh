#!/usr/bin/env bash
# Benchmark of an agent's reads at size: the record worklists with each common filter, a
# record's timeline and the customer searches, at a fixed rate through the whole server, on the
# pops benchmark's data (1 M customers, 10 M past calls) plus a million records with their
# trails and clocks (made once and kept in the data directory).
# Usage: bench/desk-reads.sh [RECORDS=1000000] [RATE=50] [SECONDS=20] [CUSTOMERS=1000000] [PAST_CALLS=10000000] [DATA_DIR=bench-data/pops]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/.mvn/find-jdk.sh"
(cd "$root" && ./mvnw -q -B -DskipTests package -pl benchmarks -am)
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
cd "$root"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx4g -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" \
  org.hotline.bench.desk.DeskReadBenchmark "${1:-1000000}" "${2:-50}" "${3:-20}" "${4:-1000000}" "${5:-10000000}" "${6:-bench-data/pops}"
