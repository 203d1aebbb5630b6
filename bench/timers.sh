#!/usr/bin/env bash
# Benchmark of the timer scheduler: with N pending callbacks and N running SLA clocks in an
# embedded PostgreSQL, items fall due at RATE per second for SECONDS, fired by one node and
# then two; then a BACKLOG of due items is drained by one node and by two.
# Usage: bench/timers.sh [N=1000000] [RATE=1000] [SECONDS=30] [BACKLOG=100000]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/.mvn/find-jdk.sh"
(cd "$root" && ./mvnw -q -B -DskipTests package -pl benchmarks -am)
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
cd "$root"
exec "$JAVA_HOME/bin/java" -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" org.hotline.bench.TimerBenchmark \
  "${1:-1000000}" "${2:-1000}" "${3:-30}" "${4:-100000}" config/sla-policies.yaml
