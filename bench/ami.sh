#!/usr/bin/env bash
# Benchmark of AMI reading: Hotline's AmiClient + CallTracker against asterisk-java's
# ManagerConnection on the same stream from pbx-sim (throughput, then latency at a steady rate).
# Usage: bench/ami.sh [EVENTS=300000] [RATE=20000] [SECONDS=5] [READERS=both|hotline|asterisk-java]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/.mvn/find-jdk.sh"
(cd "$root" && ./mvnw -q -B -DskipTests package -pl benchmarks -am)
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
cd "$root"
exec "$JAVA_HOME/bin/java" -Xmx2g -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" org.hotline.bench.AmiBenchmark \
  "${1:-300000}" "${2:-20000}" "${3:-5}" "${4:-both}"
