#!/usr/bin/env bash
# Benchmark of `hotline seed`: loads N customers (default 1,000,000) into a fresh embedded
# PostgreSQL, once per worker count (default "1 2"), and prints the time of each run.
# Usage: bench/seed.sh [customers] [worker counts...]     Results go into BENCHMARKS.md by hand.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
customers="${1:-1000000}"; shift || true
workers=("${@:-1 2}"); [ "$#" -eq 0 ] && workers=(1 2)

echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "date:    $(date -u +%Y-%m-%dT%H:%MZ)"
for w in "${workers[@]}"; do
  dir="$(mktemp -d)"
  echo "--- $customers customers, $w worker(s), fresh data directory $dir"
  HOTLINE_DATA_DIR="$dir/data" "$root/hotline" seed --customers "$customers" --random-seed 42 --workers "$w" \
    | grep -E "^(Seeding|Added)"
  echo "database size: $(du -sh "$dir/data/postgres" | cut -f1)"
  rm -rf "$dir"
done
