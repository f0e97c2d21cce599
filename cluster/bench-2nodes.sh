#!/usr/bin/env bash
# Figures for a 2-node cluster against one node, in one run (issue 8, acceptance 8):
#  - bench through node-1's TCP feed of a 2-node cluster (tickmesh db shared), then of one node alone;
#  - ingest-to-subscriber latency at a quarter of the cluster's bench rate (issue 11's measure: at a quarter
#    of capacity, not at saturation): fed into node-1, subscribed on node-2's TCP bridge (symbols owned by
#    either node), then on one node alone at the same rate. RATE=N sets the rate instead. Each latency run
#    follows one of the same shape, unmeasured: the JIT compiles for the small batches a steady rate makes
#    (a bench's large batches leave it compiling for tens of seconds more), and prints where the CPU went
#    meanwhile: each node's, PostgreSQL's and the rest (the latency tool, the kernel), per tick, and how
#    busy the machine's cores were.
# Needs target/tickmesh.jar; uses ports 17071-17092 and 18081-18083, files in data/bench-cluster.
set -u
cd "$(dirname "$0")/.."
J=target/tickmesh.jar
D=data/bench-cluster; rm -rf "$D"; mkdir -p "$D"
java -Xmx256m -jar $J db --data-dir $D/pg --url-file $D/db.url > $D/db.log 2>&1 &
DB=$!
for i in $(seq 1 100); do [ -s $D/db.url ] && break; sleep 0.2; done
URL=$(cat $D/db.url)
. bench/cpu.sh
# measure FEED BRIDGE NODE_PIDS...: a warm-up run of the same shape, then the measured run and its CPU per tick
measure() {
  local feed=$1 bridge=$2; shift 2
  java -jar $J latency --to $feed --bridge $bridge --rate $RATE --seconds 20 --warmup 5 > $D/latency-warm.out 2>&1
  local before=() p after=() line="" sum=0 g0 g1 a0 a1
  for p in "$@"; do before+=($(jiffies $p)); done
  g0=$(pg_jiffies); a0=$(all_jiffies)
  java -jar $J latency --to $feed --bridge $bridge --rate $RATE --seconds 20 --warmup 5 2>&1 | tail -4
  for p in "$@"; do after+=($(jiffies $p)); done
  g1=$(pg_jiffies); a1=$(all_jiffies)
  local ticks=$((RATE * 25)) i=0
  for p in "$@"; do
    local d=$((after[i] - before[i])); sum=$((sum + d))
    line="$line node $((i + 1)) $(per_tick $d $ticks 1) /"; i=$((i + 1))
  done
  local rest
  rest=$(cpu_rest $sum $((g1 - g0)) "$a0" "$a1" $ticks)
  echo "CPU per tick (us) over the run:$line PostgreSQL $(per_tick $((g1 - g0)) $ticks 1)" \
    "/ the rest (latency tool, kernel) ${rest% *}; $(nproc) cores ${rest#* }% busy"
}
node() { # id http feed bridge
  java -Xmx1g -jar $J node --cluster --no-sim --set node.id=$1 --set cluster.name=fig-$$ --set cluster.expectedSize=2 \
    --set db.url=$URL --set node.host=127.0.0.1 --set http.port=$2 --set feed.tcp.port=$3 --set bridge.tcp.port=$4 \
    --set node.portsFile=$D/$1.ports > $D/$1.log 2>&1 &
  echo $!
}
N1=$(node node-1 18081 17071 17072); N2=$(node node-2 18082 17081 17082)
for i in $(seq 1 600); do [ -s $D/node-1.ports ] && [ -s $D/node-2.ports ] && break; sleep 0.2; done
for i in $(seq 1 100); do curl -s localhost:18081/api/v1/cluster | grep -q '"quorum":true' && ! curl -s localhost:18081/api/v1/cluster | grep -q 'null' && break; sleep 0.5; done
echo "== 2-node cluster, bench through node-1's feed"
java -jar $J bench --to localhost:17071 --rounds 3 --ticks 1000000 > $D/bench-cluster.out 2>&1
grep -v "^\s*$" $D/bench-cluster.out | tail -10
CLUSTER_RATE=$(sed -n 's/^node TCP path.*: median \([0-9,]*\) ticks\/s.*/\1/p' $D/bench-cluster.out | tr -d ',')
RATE=${RATE:-$(( ${CLUSTER_RATE:-200000} / 4 ))}
echo "== cross-node latency: feed node-1, subscriber on node-2's bridge, $RATE ticks/s (a quarter of the cluster's rate above)"
measure localhost:17071 localhost:17082 $N1 $N2
kill -TERM $N1 $N2; wait $N1 $N2 2>/dev/null
kill -TERM $DB; wait $DB 2>/dev/null
java -Xmx256m -jar $J db --data-dir $D/pg2 --url-file $D/db2.url > $D/db2.log 2>&1 &
DB=$!
for i in $(seq 1 100); do [ -s $D/db2.url ] && break; sleep 0.2; done
echo "== one node alone (its own tickmesh db, store on), bench"
java -Xmx1g -jar $J node --no-sim --set db.url=$(cat $D/db2.url) --set http.port=18083 --set feed.tcp.port=17091 --set bridge.tcp.port=17092 \
  --set node.portsFile=$D/single.ports > $D/single.log 2>&1 &
S=$!
for i in $(seq 1 600); do [ -s $D/single.ports ] && break; sleep 0.2; done
java -jar $J bench --to localhost:17091 --rounds 3 --ticks 1000000 2>&1 | grep -v "^\s*$" | tail -8
echo "== one node, latency at $RATE ticks/s (the same rate)"
measure localhost:17091 localhost:17092 $S
kill -TERM $S; wait $S 2>/dev/null
kill -TERM $DB; wait $DB 2>/dev/null
