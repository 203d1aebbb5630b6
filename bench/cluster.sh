#!/usr/bin/env bash
# Scaling: the whole hotline on 1, 2 and 3 nodes (server processes of their own on one PostgreSQL
# and one Redis started by the benchmark), two Asterisks (pbx-sims on 127.0.0.1 and 127.0.0.2),
# callers through the shipped flows over FastAGI spread over the nodes, the queues, the pops to
# consoles signed in on every node, wallboard viewers on every node, callbacks and records for
# the timers. Per node count the rate climbs until one is not stored whole; it reports the highest
# rate held (every call stored whole, no socket closed, pop p99 < 20 ms), the highest stored whole,
# and the pop p99 at each rate. The data (customers and past calls) is seeded once into DATA_DIR.
# Usage: bench/cluster.sh [NODES=1,2,3] [RATES=4,8,12,16,20,25,30] [SECONDS=20] [DATA_DIR=bench-data/cluster] [AGENTS=300] [CUSTOMERS=100000] [VIEWERS=5]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/.mvn/find-jdk.sh"
(cd "$root" && ./mvnw -q -B -DskipTests package -pl benchmarks -am)
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
cd "$root"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx2g -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" \
  org.hotline.bench.calls.ClusterBenchmark "${1:-1,2,3}" "${2:-4,8,12,16,20,25,30}" "${3:-20}" "${4:-bench-data/cluster}" "${5:-300}" "${6:-100000}" "${7:-5}"
