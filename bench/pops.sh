#!/usr/bin/env bash
# Benchmark of screen pops and wallboard updates through the whole server, with pbx-sim as
# Asterisk: pop latency (AgentCalled leaving pbx-sim -> pop frame at the agent's socket) at each
# rate, then wallboard update latency with many viewers. The data directory is kept, so the
# million customers and ten million past calls are made once.
# Usage: bench/pops.sh [CUSTOMERS=1000000] [PAST_CALLS=10000000] [RATES=50,200] [SECONDS=20] [VIEWERS=1000] [DATA_DIR=bench-data/pops]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/.mvn/find-jdk.sh"
(cd "$root" && ./mvnw -q -B -DskipTests package -pl benchmarks -am)
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
cd "$root"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx4g -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" \
  org.hotline.bench.pops.PopBenchmark "${1:-1000000}" "${2:-10000000}" "${3:-50,200}" "${4:-20}" "${5:-1000}" "${6:-bench-data/pops}"
