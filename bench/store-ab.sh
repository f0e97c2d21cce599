#!/usr/bin/env bash
# The store's cost per tick, for comparing builds: for each jar given (default target/tickmesh.jar), in
# turn and PAIRS times over, a fresh node with the store on (embedded PostgreSQL, fsync on), one `bench`
# round not counted (the JIT), then `bench` of TICKS ticks ROUNDS times; prints the median rate and the
# microseconds of CPU per tick of the node and of PostgreSQL's processes over the counted rounds (from
# /proc). Alternating the jars spreads the machine's drift over both. Only figures of one run compare.
# Usage: bash bench/store-ab.sh [JAR...]      (PAIRS=3 TICKS=1000000 ROUNDS=2 PORT_BASE=17400 may be set)
# A jar of another commit: git worktree add /tmp/old <commit> && mvn -f /tmp/old/pom.xml -q -DskipTests package
set -u
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- target/tickmesh.jar
[ -f "$1" ] || mvn -B -q -DskipTests package || exit 1
PAIRS=${PAIRS:-3}; TICKS=${TICKS:-1000000}; ROUNDS=${ROUNDS:-2}; P=${PORT_BASE:-17400}
D=data/store-ab; rm -rf "$D"; mkdir -p "$D"
. bench/cpu.sh
# one JAR N: a fresh node and database, the warm-up round, the counted rounds; prints one line
one() {
  local jar=$1 n=$2 np n0 g0
  rm -rf "$D/pg" "$D/node.ports"
  java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -jar "$jar" node --no-sim --set store.enabled=true --set node.host=127.0.0.1 \
    --set http.port=$((P + 80)) --set feed.tcp.port=$P --set bridge.tcp.port=$((P + 1)) --set db.dataDir=$D/pg \
    --set node.portsFile=$D/node.ports > "$D/node-$n.log" 2>&1 &
  np=$!
  for _ in $(seq 1 900); do [ -s "$D/node.ports" ] && break; kill -0 $np 2>/dev/null || break; sleep 0.2; done
  [ -s "$D/node.ports" ] || { echo "store-ab: node did not start; see $D/node-$n.log" >&2; exit 1; }
  java -Xms4g -Xmx4g -jar "$jar" bench --to 127.0.0.1:$P --ticks "$TICKS" --rounds 1 > "$D/warm-$n.out" 2>&1
  n0=$(jiffies $np); g0=$(pg_jiffies)
  java -Xms4g -Xmx4g -jar "$jar" bench --to 127.0.0.1:$P --ticks "$TICKS" --rounds "$ROUNDS" > "$D/bench-$n.out" 2>&1 \
    || { echo "store-ab: bench failed; see $D/bench-$n.out" >&2; kill -TERM $np; wait $np; exit 1; }
  local nodes=$(( $(jiffies $np) - n0 )) pg=$(( $(pg_jiffies) - g0 )) sent=$((TICKS * (ROUNDS + 1)))
  printf '%-40s %3s | %9s ticks/s | node %6s | PostgreSQL %6s us of CPU per tick\n' "$jar" "$n" \
    "$(sed -n 's/^node TCP path.*: median \([0-9,]*\) ticks\/s.*/\1/p' "$D/bench-$n.out")" \
    "$(per_tick $nodes $sent)" "$(per_tick $pg $sent)"
  kill -TERM $np; wait $np 2>/dev/null
}
for i in $(seq 1 "$PAIRS"); do
  for jar in "$@"; do one "$jar" "$i"; done
done
