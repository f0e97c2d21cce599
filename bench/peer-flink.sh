#!/usr/bin/env bash
# The Apache Flink peer of `tickmesh bench` (issue 11): the same seeded file, the same work (Jackson streaming
# into exact scaled longs, keyed 1 s and 1 min event-time OHLCV+VWAP bars, latest quote per symbol) as a Flink
# job on a local MiniCluster in one JVM, bound to 127.0.0.1: nothing leaves the machine.
#
# Usage: bash bench/peer-flink.sh [--file FILE] [--rounds N] [--warmup N] [--parallelism N]
#                                 [--ticks N] [--symbols N] [--seed N]
#   --file FILE       the bench file (default: bench's own, target/bench/ticks-<symbols>-<ticks>-<seed>.jsonl)
#   --rounds N        measured rounds, each a job of its own (default 3)
#   --warmup N        warm-up rounds before them, not counted (default 1, as bench's --warmup)
#   --parallelism N   Flink parallelism: source readers, parse, windows, reduce (default 2)
#   --ticks N, --symbols N, --seed N
#                     the file's parameters (defaults 2000000, 1000, 42: bench's): they name the default file,
#                     and a missing file is written with them by `tickmesh bench --write-only`
# Environment: PEER_JAVA_OPTS, the peer JVM's options (default -Xms4g -Xmx4g -XX:+AlwaysPreTouch).
#
# Builds what is missing or stale first: target/tickmesh.jar (mvn -B -q -DskipTests package) only to write a
# missing file; the peer (mvn -B -q -f peers/flink/pom.xml -DskipTests package) when its jar is older than its
# sources or the node sources it compiles in. The bench file is read into memory before any round is timed;
# each round is timed from job submit to job end.
# Prints on stdout one line per fact, each starting "PEER flink ": file:, setup:, "warm-up N:", "round N:
# 176,337 ticks/s (...)", "median: 176,337 ticks/s (...)", check:, reproduce:. Exit 1 if a round's counters
# (bars, volumes, quote updates) differ from what the input implies, 2 on bad arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

file="" rounds=3 warmup=1 parallelism=2 ticks=2000000 symbols=1000 seed=42
while [ $# -gt 0 ]; do
  case "$1" in
    --file) file="$2" ;;
    --rounds) rounds="$2" ;;
    --warmup) warmup="$2" ;;
    --parallelism) parallelism="$2" ;;
    --ticks) ticks="$2" ;;
    --symbols) symbols="$2" ;;
    --seed) seed="$2" ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "peer-flink.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  [ $# -ge 2 ] || { echo "peer-flink.sh: $1 needs a value" >&2; exit 2; }
  shift 2
done
file="${file:-target/bench/ticks-$symbols-$ticks-$seed.jsonl}"

if [ ! -f "$file" ]; then
  if [ ! -f target/tickmesh.jar ]; then
    echo "peer-flink.sh: building target/tickmesh.jar to write $file" >&2
    mvn -B -q -DskipTests package >&2
  fi
  java -jar target/tickmesh.jar bench --write-only --file "$file" --ticks "$ticks" --symbols "$symbols" --seed "$seed" >&2
fi

peer=peers/flink/target/tickmesh-flink-peer.jar
# the node sources the peer compiles in (see peers/flink/pom.xml) count as its sources too
if [ ! -f "$peer" ] || [ -n "$(find peers/flink/pom.xml peers/flink/src src/main/java/io/tickmesh/model \
    src/main/java/io/tickmesh/cli/BenchTickReader.java src/main/java/io/tickmesh/feed/CharSlice.java \
    -newer "$peer" -print -quit)" ]; then
  echo "peer-flink.sh: building the Flink peer ($peer)" >&2
  mvn -B -q -f peers/flink/pom.xml -DskipTests package >&2
fi

# shellcheck disable=SC2086 # PEER_JAVA_OPTS is a list of options
exec java ${PEER_JAVA_OPTS:--Xms4g -Xmx4g -XX:+AlwaysPreTouch} -jar "$peer" \
  --file "$file" --rounds "$rounds" --warmup "$warmup" --parallelism "$parallelism"
