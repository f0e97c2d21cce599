#!/usr/bin/env bash
# The speed sitting of issue 11 in one run on this machine, ending with a table of ratios (only ratios of
# one run count: the same command varies by 2-3x between machines and days).
#   1. a node, store off: `bench` over 1 connection and over 2, each against the single-thread baseline
#      (Jackson streaming + SymbolState) measured in the same bench JVM (after one bench run not counted,
#      so that the node is warm);
#   2. `latency` into a fresh node (store off) at a quarter of that 1-connection capacity, beside the
#      bridge-ping baseline;
#   3. a node, store on (embedded PostgreSQL, fsync on): `bench` over 1 connection (after one not
#      counted), PostgreSQL's own cost of the rows it stored (bench/pg-floor.sh, on a copy: about 40 s),
#      and `latency` into a fresh node (same database) at a quarter of that capacity;
#   4. the Flink MiniCluster peer on the same file (bench/peer-flink.sh), if present;
#   5. the in-process path against its plain-Java loop (`bench-inproc`), if the jar has it;
#   6. heap per idle symbol (`bench-memory`), if the jar has it.
# Beside each bench rate it prints where the CPU went (/proc of the node and of PostgreSQL's processes,
# the bench JVM's own count of the publisher and the baseline): microseconds of CPU per tick, and the
# rate the machine's cores would allow if that work had them all. The node logs its GC pauses
# (data/sitting/<node>-gc.log); those during each latency run are counted beside it, with the CPU per tick
# of the node, PostgreSQL and the rest meanwhile, and how busy the cores were. Each latency run follows an
# unmeasured one of the same shape. Under each store-off bench: how busy the node's two busiest threads
# were in its rounds. Two ceilings: a node as cheap as the baseline beside its publisher (goals 1 and 3),
# and PostgreSQL's own work for the stored rows beside the store-off node and publisher (goal 2).
# Usage: bash bench/sitting.sh            (TICKS=2000000 ROUNDS=3 PORT_BASE=17300 may be set)
# Needs target/tickmesh.jar (built if missing). Files in data/sitting; each step's full output in
# data/sitting/<step>.out. Takes about 12 minutes on a 2-core machine.
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
  java $NODE_JVM -Xlog:gc:file=$D/$1-gc.log -jar $J node --no-sim --set store.enabled=$2 --set node.host=127.0.0.1 --set http.port=$((P + 80)) \
    --set feed.tcp.port=$P --set bridge.tcp.port=$((P + 1)) --set db.dataDir=$D/pg --set node.portsFile=$D/$1.ports \
    > $D/$1.log 2>&1 &
  NODE_PID=$!
  for _ in $(seq 1 900); do [ -s $D/$1.ports ] && return 0; kill -0 $NODE_PID 2>/dev/null || break; sleep 0.2; done
  echo "sitting: node $1 did not start; see $D/$1.log" >&2; exit 1
}
stop() { kill -TERM $NODE_PID; wait $NODE_PID 2>/dev/null; }
. bench/cpu.sh
# bench NAME CONNECTIONS [ROUNDS]: sets NODE_RATE and BASE_RATE (medians, ticks/s), and NODE_US, PG_US, PUB_US,
# BASE_US (microseconds of CPU per tick: the node's and PostgreSQL's over every round bench sent, warm-up
# included, since neither works during the baseline passes; the publisher's and the baseline's as bench
# counted them in its measured rounds)
bench() {
  echo "== $1: bench, $2 connection(s)" >&2
  local n0 g0 t0 rounds=${3:-$ROUNDS}
  n0=$(jiffies $NODE_PID); g0=$(pg_jiffies); t0=$(thread_jiffies $NODE_PID)
  java $BENCH_JVM -jar $J bench --to 127.0.0.1:$P --ticks $TICKS --rounds $rounds --connections $2 > $D/$1.out 2> $D/$1.err \
    || { echo "sitting: bench failed; see $D/$1.out and $D/$1.err" >&2; tail -3 $D/$1.err >&2; exit 1; }
  NODE_RATE=$(sed -n 's/^node TCP path.*: median \([0-9,]*\) ticks\/s.*/\1/p' $D/$1.out | num)
  BASE_RATE=$(sed -n 's/^single-thread baseline.*: median \([0-9,]*\) ticks\/s.*/\1/p' $D/$1.out | num)
  NODE_US=$(per_tick $(( $(jiffies $NODE_PID) - n0 )) $((TICKS * (rounds + 1))))
  PG_US=$(per_tick $(( $(pg_jiffies) - g0 )) $((TICKS * (rounds + 1))))
  PUB_US=$(sed -n 's/^publisher (this JVM).*: \([0-9.]*\) us of CPU per tick.*/\1/p' $D/$1.out)
  BASE_US=$(sed -n 's/^baseline (this JVM).*: \([0-9.]*\) us of CPU per tick.*/\1/p' $D/$1.out)
  # the node works only in bench's node rounds (warm-up included), not in its baseline passes: how busy
  # its two busiest threads (event loops) were over those rounds (their CPU is counted over the whole bench,
  # a little more than the rounds), and the publisher's cores in its measured rounds
  ROUND_S=$(sed -n 's/^bench: node round .*: [0-9,]* ticks in \([0-9.]*\) s = .*/\1/p' $D/$1.err | awk '{ s += $1 } END { print s + 0 }')
  LOOPS="$(busy_threads "$t0" "$(thread_jiffies $NODE_PID)" $ROUND_S); publisher $(sed -n 's/^publisher (this JVM).*, \([0-9.]*\) cores busy.*/\1/p' $D/$1.out) cores"
}
# allows US...: the ticks/s that $(nproc) cores allow if the given microseconds per tick had them all
allows() { awk -v n="$(nproc)" -v s="$*" 'BEGIN { k = split(s, a, " "); t = 0; for (i = 1; i <= k; i++) t += a[i]; if (t > 0) printf "%.0f", n * 1e6 / t; else printf "0" }'; }
# latency NAME RATE: sets LAT (p50 p99 p99.9 of ingest -> subscriber) and PING (the same of the bridge ping)
latency() {
  echo "== $1: latency at $2 ticks/s" >&2
  local gc0 n0 g0 a0
  # first a run of the same shape, not measured: after a bench the JIT goes on compiling for the small
  # batches a steady rate makes (tens of seconds of C2 on a node that only benched)
  java -jar $J latency --to 127.0.0.1:$P --bridge 127.0.0.1:$((P + 1)) --rate $2 --seconds 20 --warmup 5 > $D/$1-warm.out 2>&1
  gc0=$(wc -l < $D/$3-gc.log)
  n0=$(jiffies $NODE_PID); g0=$(pg_jiffies); a0=$(all_jiffies)
  # a subscriber still short of trades 30 s after the last was sent is reported (what it measured, and how
  # much came), not a reason to stop the sitting
  java -jar $J latency --to 127.0.0.1:$P --bridge 127.0.0.1:$((P + 1)) --rate $2 --seconds 20 --warmup 5 > $D/$1.out 2>&1 \
    || grep -q '^incomplete: ' $D/$1.out || { echo "sitting: latency failed; see $D/$1.out" >&2; exit 1; }
  INCOMPLETE=$(sed -n 's/^incomplete: //p' $D/$1.out)
  LAT=$(sed -n 's/^ingest -> bridge subscriber.*p50 \([0-9.]*\) ms.*p99 \([0-9.]*\) ms.*p99\.9 \([0-9.]*\) ms.*/\1 \2 \3/p' $D/$1.out)
  PING=$(sed -n 's/^baseline, bridge ping.*p50 \([0-9.]*\) ms.*p99 \([0-9.]*\) ms.*p99\.9 \([0-9.]*\) ms.*/\1 \2 \3/p' $D/$1.out)
  # the node's GC pauses while it ran: how many, their total and the longest (ms)
  GC=$(tail -n +$((gc0 + 1)) $D/$3-gc.log | sed -n 's/.* Pause .* \([0-9.]*\)ms$/\1/p' \
    | awk '{ n++; t += $1; if ($1 > m) m = $1 } END { printf "%d pauses, %.1f ms in all, longest %.1f ms", n, t, m }')
  # where the CPU went meanwhile: the node's, PostgreSQL's and the rest (the latency tool, the kernel), in
  # us per tick sent, and how busy the cores were
  local n=$(( $(jiffies $NODE_PID) - n0 )) g=$(( $(pg_jiffies) - g0 )) rest
  rest=$(cpu_rest $n $g "$a0" "$(all_jiffies)" $(($2 * 25)))
  LATCPU="$(per_tick $n $(($2 * 25)) 1) / $(per_tick $g $(($2 * 25)) 1) / ${rest% *}|$(nproc) cores ${rest#* }% busy"
}
commas() { awk -v n="$1" 'BEGIN { if (n !~ /^[0-9]+$/) { printf "%s", n; exit } s = ""; while (length(n) > 3) { s = "," substr(n, length(n) - 2) s; n = substr(n, 1, length(n) - 3) } printf "%s%s", n, s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }
field() { echo "$1" | awk -v i="$2" '{ print $i }'; }

node off false
# a fresh node JVM still compiles its hot code for a while after bench's warm-up round, on the cores the
# baseline passes then use: one bench run first, not counted, so that both sides are warm
bench warm 1
bench off1 1; OFF1=$NODE_RATE; BASE1=$BASE_RATE; CPU1="$NODE_US $PUB_US"; BASE1_US=$BASE_US; LOOPS1=$LOOPS
bench off2 2; OFF2=$NODE_RATE; BASE2=$BASE_RATE; CPU2="$NODE_US $PUB_US"; BASE2_US=$BASE_US; LOOPS2=$LOOPS
QUARTER=$((OFF1 / 4))
stop
# Latency on a node of its own: the benches leave about a gigabyte of closed bars (16,000 symbols of a
# 6.5-hour session each) in the node's 2 GB heap, and the collections of a heap that full (49 ms pauses)
# would be what the latency run measures. One short bench first compiles its hot path (a node still
# compiling gave p99 146 ms).
node offlat false
bench offlatwarm 1 1
latency latoff $QUARTER offlat; LATOFF=$LAT; PINGOFF=$PING; GCOFF=$GC; INCOFF=$INCOMPLETE; CPULATOFF=$LATCPU
stop
node on true
# as above: a fresh node compiles for tens of seconds (its CPU would count against the store's per tick)
bench warmon 1
bench on1 1; ON1=$NODE_RATE; CPUON="$NODE_US $PG_US $PUB_US"
QUARTER_ON=$((ON1 / 4))
stop
# PostgreSQL's own cost of the rows those two benches stored, with no client (on a copy of the database)
echo "== PostgreSQL's floor" >&2
PGFLOOR=$(bash bench/pg-floor.sh $D/pg $((2 * TICKS * (ROUNDS + 1))) 2>&1 | tee $D/pg-floor.out | sed -n 's/^FLOOR .*; per tick \([0-9.]*\) \([0-9.]*\)$/\1 \2/p')
[ -n "$PGFLOOR" ] || { echo "sitting: no PostgreSQL floor; see $D/pg-floor.out" >&2; tail -3 $D/pg-floor.out >&2; }
node onlat true
bench onlatwarm 1 1
latency laton $QUARTER_ON onlat; LATON=$LAT; PINGON=$PING; GCON=$GC; INCON=$INCOMPLETE; CPULATON=$LATCPU
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

# The goals' ratios divide by the faster of the two baselines (each bench JVM measures its own): a
# baseline pass that ran slow in one JVM (553,486 against 805,694 minutes before, at 19:56) must not
# flatter the node.
BASE=$(( BASE1 > BASE2 ? BASE1 : BASE2 ))
BASEJVM_US=$( [ "$BASE1" -ge "$BASE2" ] && echo "$BASE1_US" || echo "$BASE2_US" ) # the CPU per tick of that same JVM
printf '\n%-72s | %14s | %s\n' "measured in this sitting ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores)" "figure" "ratio (goal)"
printf '%s\n' "-------------------------------------------------------------------------|----------------|--------------------"
printf '%-72s | %14s | %s\n' "bench, node over TCP, store off, 1 connection (ticks/s, median)" "$(commas $OFF1)" "$(ratio $OFF1 $BASE)x baseline (>= 1.0)"
printf '%-72s | %14s | %s\n' "single-thread baseline, same lines, same run (faster of 2 JVMs)" "$(commas $BASE)" "$(commas $BASE1) and $(commas $BASE2)"
printf '%-72s | %14s | %s\n' "bench, node over TCP, store off, 2 connections" "$(commas $OFF2)" "$(ratio $OFF2 $BASE)x baseline (>= 1.5)"
printf '%-72s | %14s | %s\n' "bench, node over TCP, store on (fsync on), 1 connection" "$(commas $ON1)" "$(ratio $ON1 $OFF1)x store off (>= 0.7)"
printf '%-72s | %14s | %s\n' "CPU per tick (us), store off, 1 conn: node / publisher; baseline" "$(field "$CPU1" 1) / $(field "$CPU1" 2); $BASE1_US" "$(nproc) cores allow $(commas $(allows $CPU1)) ticks/s"
printf '%-72s | %14s | %s\n' "  during its rounds: the node's 2 busiest threads; all its threads" "-" "$LOOPS1"
printf '%-72s | %14s | %s\n' "CPU per tick (us), store off, 2 conns: node / publisher" "$(field "$CPU2" 1) / $(field "$CPU2" 2)" "$(nproc) cores allow $(commas $(allows $CPU2)) = $(ratio $(allows $CPU2) $BASE)x baseline"
printf '%-72s | %14s | %s\n' "  during its rounds: the node's 2 busiest threads; all its threads" "-" "$LOOPS2"
printf '%-72s | %14s | %s\n' "CPU per tick (us), store on: node / PostgreSQL / publisher" "$(field "$CPUON" 1) / $(field "$CPUON" 2) / $(field "$CPUON" 3)" "$(nproc) cores allow $(commas $(allows $CPUON)) = $(ratio $(allows $CPUON) $OFF1)x store off"
# the ceilings of goals 1, 2 and 3 on this machine: a node no dearer than the baseline, beside its publisher;
# a store that costs the node nothing and PostgreSQL only its own work for the rows
CEILING=$(allows $BASEJVM_US $(field "$CPU2" 2))
printf '%-72s | %14s | %s\n' "  ceiling: a node as cheap as the baseline, beside its publisher (us)" "$BASEJVM_US + $(field "$CPU2" 2)" "$(nproc) cores allow $(commas $CEILING) = $(ratio $CEILING $BASE)x baseline${FLINK:+, $(ratio $CEILING $FLINK)x Flink}"
if [ -n "$PGFLOOR" ]; then
  FLOORED=$(allows $(field "$PGFLOOR" 1) $CPU1)
  printf '%-72s | %14s | %s\n' "  PostgreSQL alone, same rows made inside it (us/tick): keys / none" "$(field "$PGFLOOR" 1) / $(field "$PGFLOOR" 2)" "with node and publisher store off, $(nproc) cores allow $(commas $FLOORED) = $(ratio $FLOORED $OFF1)x store off ($(ratio $FLOORED $(allows $CPU1))x what its CPU allows)"
fi
if [ -n "$FLINK" ]; then
  printf '%-72s | %14s | %s\n' "Flink MiniCluster peer, parallelism 2, same file in memory" "$(commas $FLINK)" "node 2 conns $(ratio $OFF2 $FLINK)x, 1 conn $(ratio $OFF1 $FLINK)x (>= 2)"
fi
printf '%-72s | %14s | %s\n' "latency at $(commas $QUARTER) ticks/s, store off, p50 / p99 / p99.9 (ms)" "$(field "$LATOFF" 1) / $(field "$LATOFF" 2) / $(field "$LATOFF" 3)" "p99 <= 1, p99.9 <= 5"
printf '%-72s | %14s | %s\n' "  bridge ping in the same run, p50 / p99 / p99.9 (ms)" "$(field "$PINGOFF" 1) / $(field "$PINGOFF" 2) / $(field "$PINGOFF" 3)" "p99 $(ratio "$(field "$LATOFF" 2)" "$(field "$PINGOFF" 2)")x ping"
printf '%-72s | %14s | %s\n' "  the node's GC meanwhile" "-" "$GCOFF"
printf '%-72s | %14s | %s\n' "  CPU per tick meanwhile (us): node / PostgreSQL / rest (tool, kernel)" "${CPULATOFF%%|*}" "${CPULATOFF#*|}"
[ -n "$INCOFF" ] && printf '%-72s | %14s | %s\n' "  INCOMPLETE" "-" "$INCOFF"
printf '%-72s | %14s | %s\n' "latency at $(commas $QUARTER_ON) ticks/s, store on, p50 / p99 / p99.9 (ms)" "$(field "$LATON" 1) / $(field "$LATON" 2) / $(field "$LATON" 3)" "p99 <= 2"
printf '%-72s | %14s | %s\n' "  bridge ping in the same run, p50 / p99 / p99.9 (ms)" "$(field "$PINGON" 1) / $(field "$PINGON" 2) / $(field "$PINGON" 3)" "p99 $(ratio "$(field "$LATON" 2)" "$(field "$PINGON" 2)")x ping"
printf '%-72s | %14s | %s\n' "  the node's GC meanwhile" "-" "$GCON"
printf '%-72s | %14s | %s\n' "  CPU per tick meanwhile (us): node / PostgreSQL / rest (tool, kernel)" "${CPULATON%%|*}" "${CPULATON#*|}"
[ -n "$INCON" ] && printf '%-72s | %14s | %s\n' "  INCOMPLETE" "-" "$INCON"
if [ -n "$INPROC" ]; then
  printf '%-72s | %14s | %s\n' "in-process path into the shards (ticks/s, median)" "$(commas $INPROC)" ">= 10,000,000"
  printf '%-72s | %14s | %s\n' "  plain-Java single-thread loop over the same ticks" "$(commas $INPROC_LOOP)" "path $(ratio $INPROC $INPROC_LOOP)x loop"
fi
if [ -n "$MEMORY" ]; then
  printf '%-72s | %14s | %s\n' "heap per idle symbol (bytes), 100,000 symbols in a -Xmx1g node" "$(commas $MEMORY)" "<= 1,024; $MEMORY_FIT"
fi
echo "(every step's output: $D/*.out)"
