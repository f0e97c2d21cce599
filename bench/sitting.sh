#!/usr/bin/env bash
# The speed sitting of issue 11 in one run on this machine, ending with a table of ratios (only ratios of
# one run count: the same command varies by 2-3x between machines and days).
#   1. a node, store off: `bench` over 1 connection and over 2, each against the single-thread baseline
#      (Jackson streaming + SymbolState) measured in the same bench JVM (after one bench run not counted,
#      so that the node is warm);
#   2. `latency` into that node at a quarter of its 1-connection capacity, beside the bridge-ping baseline;
#   3. a node, store on (embedded PostgreSQL, fsync on): `bench` over 1 connection, and `latency` at a
#      quarter of that capacity;
#   4. the Flink MiniCluster peer on the same file (bench/peer-flink.sh), if present;
#   5. the in-process path against its plain-Java loop (`bench-inproc`), if the jar has it;
#   6. heap per idle symbol (`bench-memory`), if the jar has it.
# Usage: bash bench/sitting.sh            (TICKS=2000000 ROUNDS=3 PORT_BASE=17300 may be set)
# Needs target/tickmesh.jar (built if missing). Files in data/sitting; each step's full output in
# data/sitting/<step>.out. Takes about 8 minutes on a 2-core machine.
set -u
cd "$(dirname "$0")/.."
J=target/tickmesh.jar
[ -f "$J" ] || mvn -B -q -DskipTests package || exit 1
D=data/sitting; rm -rf "$D"; mkdir -p "$D"
TICKS=${TICKS:-2000000}; ROUNDS=${ROUNDS:-3}; P=${PORT_BASE:-17300}
NODE_JVM="-Xms2g -Xmx2g -XX:+AlwaysPreTouch"
BENCH_JVM="-Xms4g -Xmx4g -XX:+AlwaysPreTouch"
FILE=target/bench/ticks-1000-$TICKS-42.jsonl

num() { tr -d ',' ; }
# node NAME STORE(true|false): starts a node on fixed ports, waits until it listens; sets NODE_PID
node() {
  java $NODE_JVM -jar $J node --no-sim --set store.enabled=$2 --set node.host=127.0.0.1 --set http.port=$((P + 80)) \
    --set feed.tcp.port=$P --set bridge.tcp.port=$((P + 1)) --set db.dataDir=$D/pg --set node.portsFile=$D/$1.ports \
    > $D/$1.log 2>&1 &
  NODE_PID=$!
  for _ in $(seq 1 900); do [ -s $D/$1.ports ] && return 0; kill -0 $NODE_PID 2>/dev/null || break; sleep 0.2; done
  echo "sitting: node $1 did not start; see $D/$1.log" >&2; exit 1
}
stop() { kill -TERM $NODE_PID; wait $NODE_PID 2>/dev/null; }
# bench NAME CONNECTIONS: sets NODE_RATE and BASE_RATE (medians, ticks/s)
bench() {
  echo "== $1: bench, $2 connection(s)" >&2
  java $BENCH_JVM -jar $J bench --to 127.0.0.1:$P --ticks $TICKS --rounds $ROUNDS --connections $2 > $D/$1.out 2> $D/$1.err \
    || { echo "sitting: bench failed; see $D/$1.out and $D/$1.err" >&2; tail -3 $D/$1.err >&2; exit 1; }
  NODE_RATE=$(sed -n 's/^node TCP path.*: median \([0-9,]*\) ticks\/s.*/\1/p' $D/$1.out | num)
  BASE_RATE=$(sed -n 's/^single-thread baseline.*: median \([0-9,]*\) ticks\/s.*/\1/p' $D/$1.out | num)
}
# latency NAME RATE: sets LAT (p50 p99 p99.9 of ingest -> subscriber) and PING (the same of the bridge ping)
latency() {
  echo "== $1: latency at $2 ticks/s" >&2
  java -jar $J latency --to 127.0.0.1:$P --bridge 127.0.0.1:$((P + 1)) --rate $2 --seconds 20 --warmup 5 > $D/$1.out 2>&1 \
    || { echo "sitting: latency failed; see $D/$1.out" >&2; exit 1; }
  LAT=$(sed -n 's/^ingest -> bridge subscriber.*p50 \([0-9.]*\) ms.*p99 \([0-9.]*\) ms.*p99\.9 \([0-9.]*\) ms.*/\1 \2 \3/p' $D/$1.out)
  PING=$(sed -n 's/^baseline, bridge ping.*p50 \([0-9.]*\) ms.*p99 \([0-9.]*\) ms.*p99\.9 \([0-9.]*\) ms.*/\1 \2 \3/p' $D/$1.out)
}
commas() { awk -v n="$1" 'BEGIN { if (n !~ /^[0-9]+$/) { printf "%s", n; exit } s = ""; while (length(n) > 3) { s = "," substr(n, length(n) - 2) s; n = substr(n, 1, length(n) - 3) } printf "%s%s", n, s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }
field() { echo "$1" | awk -v i="$2" '{ print $i }'; }

node off false
# a fresh node JVM still compiles its hot code for a while after bench's warm-up round, on the cores the
# baseline passes then use: one bench run first, not counted, so that both sides are warm
bench warm 1
bench off1 1; OFF1=$NODE_RATE; BASE1=$BASE_RATE
bench off2 2; OFF2=$NODE_RATE; BASE2=$BASE_RATE
QUARTER=$((OFF1 / 4))
latency latoff $QUARTER; LATOFF=$LAT; PINGOFF=$PING
stop
node on true
bench on1 1; ON1=$NODE_RATE
QUARTER_ON=$((ON1 / 4))
latency laton $QUARTER_ON; LATON=$LAT; PINGON=$PING
stop

FLINK=""
if [ -f bench/peer-flink.sh ]; then
  echo "== the Flink peer" >&2
  bash bench/peer-flink.sh --file $FILE --rounds $ROUNDS > $D/flink.out 2>&1 \
    && FLINK=$(sed -n 's/^PEER flink median: \([0-9,]*\) ticks\/s.*/\1/p' $D/flink.out | num)
fi
INPROC=""; INPROC_LOOP=""
COMMANDS=$(java -jar $J --help 2>&1)
has() { echo "$COMMANDS" | grep -q "^  $1 "; }
if has bench-inproc; then
  echo "== the in-process path" >&2
  java -Xms6g -Xmx6g -XX:+AlwaysPreTouch -jar $J bench-inproc --rounds $ROUNDS > $D/inproc.out 2>&1 \
    && INPROC=$(sed -n 's/^in-process path.*median \([0-9,]*\) ticks\/s.*/\1/p' $D/inproc.out | num) \
    && INPROC_LOOP=$(sed -n 's/^plain loop.*median \([0-9,]*\) ticks\/s.*/\1/p' $D/inproc.out | num)
fi
MEMORY=""; MEMORY_FIT=""
if has bench-memory; then
  echo "== heap per idle symbol" >&2
  java -jar $J bench-memory --symbols 100000 --heap 1g > $D/memory.out 2>&1 \
    && MEMORY=$(sed -n 's/^bytes per idle symbol: \([0-9,]*\) .*/\1/p' $D/memory.out | num) \
    && MEMORY_FIT=$(sed -n 's/^node heap limit .*: \([0-9,]*\) symbols \([a-zA-Z ]*\), .*/\1 symbols \2/p' $D/memory.out)
fi

printf '\n%-72s | %14s | %s\n' "measured in this sitting ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores)" "figure" "ratio (goal)"
printf '%s\n' "-------------------------------------------------------------------------|----------------|--------------------"
printf '%-72s | %14s | %s\n' "bench, node over TCP, store off, 1 connection (ticks/s, median)" "$(commas $OFF1)" "$(ratio $OFF1 $BASE1)x baseline (>= 1.0)"
printf '%-72s | %14s | %s\n' "single-thread baseline, same lines, same run" "$(commas $BASE1)" "-"
printf '%-72s | %14s | %s\n' "bench, node over TCP, store off, 2 connections" "$(commas $OFF2)" "$(ratio $OFF2 $BASE2)x baseline (>= 1.5)"
printf '%-72s | %14s | %s\n' "bench, node over TCP, store on (fsync on), 1 connection" "$(commas $ON1)" "$(ratio $ON1 $OFF1)x store off (>= 0.7)"
if [ -n "$FLINK" ]; then
  printf '%-72s | %14s | %s\n' "Flink MiniCluster peer, parallelism 2, same file in memory" "$(commas $FLINK)" "node 2 conns $(ratio $OFF2 $FLINK)x, 1 conn $(ratio $OFF1 $FLINK)x (>= 2)"
fi
printf '%-72s | %14s | %s\n' "latency at $(commas $QUARTER) ticks/s, store off, p50 / p99 / p99.9 (ms)" "$(field "$LATOFF" 1) / $(field "$LATOFF" 2) / $(field "$LATOFF" 3)" "p99 <= 1, p99.9 <= 5"
printf '%-72s | %14s | %s\n' "  bridge ping in the same run, p50 / p99 / p99.9 (ms)" "$(field "$PINGOFF" 1) / $(field "$PINGOFF" 2) / $(field "$PINGOFF" 3)" "p99 $(ratio "$(field "$LATOFF" 2)" "$(field "$PINGOFF" 2)")x ping"
printf '%-72s | %14s | %s\n' "latency at $(commas $QUARTER_ON) ticks/s, store on, p50 / p99 / p99.9 (ms)" "$(field "$LATON" 1) / $(field "$LATON" 2) / $(field "$LATON" 3)" "p99 <= 2"
printf '%-72s | %14s | %s\n' "  bridge ping in the same run, p50 / p99 / p99.9 (ms)" "$(field "$PINGON" 1) / $(field "$PINGON" 2) / $(field "$PINGON" 3)" "-"
if [ -n "$INPROC" ]; then
  printf '%-72s | %14s | %s\n' "in-process path into the shards (ticks/s, median)" "$(commas $INPROC)" ">= 10,000,000"
  printf '%-72s | %14s | %s\n' "  plain-Java single-thread loop over the same ticks" "$(commas $INPROC_LOOP)" "path $(ratio $INPROC $INPROC_LOOP)x loop"
fi
if [ -n "$MEMORY" ]; then
  printf '%-72s | %14s | %s\n' "heap per idle symbol (bytes), 100,000 symbols in a -Xmx1g node" "$(commas $MEMORY)" "<= 1,024; $MEMORY_FIT"
fi
echo "(every step's output: $D/*.out)"
