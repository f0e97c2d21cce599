#!/usr/bin/env bash
# Starts a local Tickmesh cluster: the shared database (tickmesh db) and N nodes on successive ports,
# node i with HTTP on 8080+i-1, its TCP feed on 7070+10(i-1) and its TCP bridge on 7071+10(i-1).
# Node 1 runs the simulated feed. Logs, pids and ports files go to data/cluster/.
#   cluster/start-local.sh 3          # then open http://localhost:8080/ (any node's dashboard)
#   cluster/stop-local.sh             # stops them all
# Environment: CLUSTER_NAME (default tickmesh-local), JAVA_OPTS (default -Xmx512m).
set -euo pipefail
cd "$(dirname "$0")/.."

n="${1:-3}"
if ! [[ "$n" =~ ^[1-9][0-9]?$ ]]; then
  echo "usage: cluster/start-local.sh N   (N nodes, 1 to 99)" >&2
  exit 2
fi
dir=data/cluster
name="${CLUSTER_NAME:-tickmesh-local}"
java_opts="${JAVA_OPTS:--Xmx512m}"
mkdir -p "$dir"
for f in "$dir"/*.pid; do
  if [ -e "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; then
    echo "a local cluster is running already ($f); stop it first: cluster/stop-local.sh" >&2
    exit 1
  fi
done
rm -f "$dir"/*.pid "$dir"/*.ports "$dir"/db.url

if [ ! -f target/tickmesh.jar ]; then
  echo "building target/tickmesh.jar ..."
  mvn -B -q -DskipTests package
fi

wait_for() { # file, seconds, what, pid
  for _ in $(seq 1 "$(( $2 * 10 ))"); do
    [ -s "$1" ] && return 0
    if ! kill -0 "$4" 2>/dev/null; then
      echo "$3 exited before it was up; see its log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "$3 was not up within $2 s; see its log" >&2
  return 1
}

setsid java -Xmx256m -jar target/tickmesh.jar db --data-dir "$dir/pg" --url-file "$dir/db.url" \
  > "$dir/db.log" 2>&1 < /dev/null &
echo $! > "$dir/db.pid"
wait_for "$dir/db.url" 120 "the database (tickmesh db)" "$(cat "$dir/db.pid")"
url="$(cat "$dir/db.url")"
echo "database: $url (log $dir/db.log)"

for i in $(seq 1 "$n"); do
  sim=false
  [ "$i" = 1 ] && sim=true
  # shellcheck disable=SC2086
  setsid java $java_opts -jar target/tickmesh.jar node --cluster \
    --set node.id="node-$i" --set cluster.name="$name" --set cluster.expectedSize="$n" \
    --set db.url="$url" --set sim.enabled="$sim" --set node.host=127.0.0.1 \
    --set http.port=$((8080 + i - 1)) --set feed.tcp.port=$((7070 + 10 * (i - 1))) \
    --set bridge.tcp.port=$((7071 + 10 * (i - 1))) --set node.portsFile="$dir/node-$i.ports" --set node.shutdownTimeoutMs=20000 \
    > "$dir/node-$i.log" 2>&1 < /dev/null &
  echo $! > "$dir/node-$i.pid"
done
for i in $(seq 1 "$n"); do
  wait_for "$dir/node-$i.ports" 180 "node-$i" "$(cat "$dir/node-$i.pid")"
  echo "node-$i: http://localhost:$((8080 + i - 1))/  feed localhost:$((7070 + 10 * (i - 1)))  bridge localhost:$((7071 + 10 * (i - 1)))  (log $dir/node-$i.log)"
done
echo "cluster '$name' of $n nodes is up; publishers may use --to localhost:7070,localhost:7080,...; stop it with cluster/stop-local.sh"
