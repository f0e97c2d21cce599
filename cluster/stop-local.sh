#!/usr/bin/env bash
# Stops the local cluster cluster/start-local.sh started: SIGTERM to each node in turn (each hands its
# shards over and exits once it has), then to the database. Exits 0 when all stopped cleanly: each ended
# within 30 s, and each node's log ends with its exit code 0 (the nodes are not this shell's children).
set -uo pipefail
cd "$(dirname "$0")/.."
dir=data/cluster
status=0

stop() { # pid file, what
  local pid
  pid="$(cat "$1")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 300); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "$2 did not stop within 30 s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null
      status=1
    elif [ "$2" != "the database" ] && ! grep -q 'exiting with code 0' "$dir/$2.log" 2>/dev/null; then
      echo "$2 stopped, but not cleanly: $(grep -o 'exiting with code [0-9]*' "$dir/$2.log" 2>/dev/null | tail -1 || true); see $dir/$2.log" >&2
      status=1
    else
      echo "$2 stopped"
    fi
  fi
  rm -f "$1"
}

shopt -s nullglob
nodes=("$dir"/node-*.pid)
if [ ${#nodes[@]} -gt 0 ]; then
  mapfile -t nodes < <(printf '%s\n' "${nodes[@]}" | sort -V) # node-2 before node-10
fi
if [ ${#nodes[@]} -eq 0 ] && [ ! -f "$dir/db.pid" ]; then
  echo "no local cluster is running (nothing in $dir)"
  exit 0
fi
for f in "${nodes[@]}"; do
  stop "$f" "$(basename "$f" .pid)"
done
[ -f "$dir/db.pid" ] && stop "$dir/db.pid" "the database"
rm -f "$dir"/*.ports "$dir/db.url"
exit $status
