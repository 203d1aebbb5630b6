#!/usr/bin/env bash
# What one REST request of an agent costs (GET /me, GET /records/{id}, POST notes: p50 and p99),
# measured from outside against a running server of any version, e.g. one started with
# `./hotline start` and a user made with `./hotline user add`.
# Usage: bench/api.sh BASE_URL USERNAME PASSWORD [REQUESTS=3000]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/.mvn/find-jdk.sh"
(cd "$root" && ./mvnw -q -B -DskipTests package -pl benchmarks -am)
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
cd "$root"
exec "$JAVA_HOME/bin/java" -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" org.hotline.bench.api.ApiBenchmark "$@"
