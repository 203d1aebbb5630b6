#!/usr/bin/env bash
# Benchmark of FastAGI: Hotline's AgiServer running an IVR flow against asterisk-java's
# DefaultAgiServer running the same AGI commands, each in its own JVM with a 512 MB heap, on the
# same pbx-sim load: memory, CPU per command and round trip at each load, then capacity.
# Usage: bench/agi.sh [LOADS=1000,10000] [CAPACITY_LIMIT=19000] [HEAP=512m]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/.mvn/find-jdk.sh"
(cd "$root" && ./mvnw -q -B -DskipTests package -pl benchmarks -am)
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
cd "$root"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx4g -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" org.hotline.bench.agi.AgiBenchmark \
  "${1:-1000,10000}" "${2:-19000}" "${3:-512m}"
