#!/usr/bin/env bash
# PostgreSQL's own cost of the rows the store writes, with no client: the floor under goal 2 of issue 11.
# On a copy of a stopped node's data directory (its schema, its settings), PostgreSQL in single-user mode
# inserts rows it makes itself from staged tables, 1,000 rows a statement and a commit each (about a
# flush's size; fsync on), shaped like bench's: 1,000 symbols interleaved, trades in time order, bars of
# 1 s and 1 min; each statement's rows in key order, as the node sends a flush's. It is timed four ways:
# trades and bars with their primary keys (the keys that store each trade once and serve the history
# queries), then both without them. No protocol, no parameters,
# no node: what is left is the server's own work per row, the heap, the b-tree and WAL. A kind floor:
# the tables start empty (a node's grow) and single-user mode runs no background writer, WAL writer or
# autovacuum, whose CPU a node's figure for PostgreSQL includes.
# With TICKS (the ticks that made the copied rows), it also counts the rows stored per tick and prints
# PostgreSQL's floor per tick: the rows per tick times their cost.
# Usage: bash bench/pg-floor.sh DATA_DIR [TICKS]     (DATA_DIR: a stopped node's db.dataDir; untouched)
# Needs the embedded server's binaries of the data directory's version, unpacked by any node that ran (in
# /tmp/embedded-pg, Java's temporary directory; PG_BIN may name their directory). The copy is made beside
# DATA_DIR (it holds every row the benches stored) and removed at the end.
# Prints "FLOOR trade KEYED_US bar KEYED_US; without keys trade US bar US; rows per tick T B; per tick US".
set -u
export LC_ALL=C
SRC=${1:?usage: bash bench/pg-floor.sh DATA_DIR [TICKS]}
TICKS=${2:-0}
[ -f "$SRC/PG_VERSION" ] || { echo "pg-floor: $SRC is not a PostgreSQL data directory" >&2; exit 1; }
[ -e "$SRC/postmaster.pid" ] && { echo "pg-floor: $SRC has a running server (postmaster.pid); stop its node first" >&2; exit 1; }
VERSION=$(cat "$SRC/PG_VERSION")
BIN=${PG_BIN:-}
if [ -z "$BIN" ]; then
  for b in /tmp/embedded-pg/PG-*/bin; do
    case "$("$b/postgres" --version 2>/dev/null)" in *" $VERSION."*) BIN=$b; break ;; esac
  done
fi
[ -x "$BIN/postgres" ] || { echo "pg-floor: no PostgreSQL $VERSION binaries in /tmp/embedded-pg (start a node once, or set PG_BIN)" >&2; exit 1; }
W=$(mktemp -d "$(dirname "$SRC")/pg-floor.XXXXXX") || exit 1
trap 'rm -rf "$W"' EXIT
cp -a "$SRC" "$W/pg" && rm -f "$W/pg/epg-lock" || { echo "pg-floor: could not copy $SRC" >&2; exit 1; }
RUN=()
if [ "$(id -u)" = 0 ]; then # PostgreSQL refuses to run as root
  chmod 755 "$W" && chown -R nobody "$W/pg" || exit 1
  RUN=(setpriv --reuid=nobody --regid="$(id -gn nobody)" --clear-groups)
fi
ROWS=1000000
# sql FILE NAME: runs FILE in a single-user server; sets CPU to its seconds of CPU (user + system)
sql() {
  local t rc
  t=$( { TIMEFORMAT='%U %S'; time "${RUN[@]}" "$BIN/postgres" --single -D "$W/pg" -c fsync=on -c synchronous_commit=on \
    -c wal_buffers=64MB -c wal_compression=pglz -c max_wal_size=4GB -c shared_buffers=256MB postgres < "$1" > "$W/$2.out" 2>&1; } 2>&1 )
  rc=$?
  if [ $rc -ne 0 ] || grep -q 'ERROR:\|FATAL:\|PANIC:' "$W/$2.out"; then
    echo "pg-floor: $2 failed (exit $rc):" >&2; grep -m 3 'ERROR:\|FATAL:\|PANIC:' "$W/$2.out" >&2; exit 1
  fi
  CPU=$(echo "$t" | awk '{ print $1 + $2 }')
}
us() { awk -v a="$1" -v b="$2" -v n="$ROWS" 'BEGIN { printf "%.2f", (a - b) * 1e6 / n }'; }
count() { sed -n "s/^[[:space:]]*1: $1 = \"\([0-9]*\)\".*/\1/p" "$W/count.out"; }

printf 'select count(*) as trades from trades;\nselect count(*) as bars from bars;\n' > "$W/count.sql"
sql "$W/count.sql" count
TRADES=$(count trades); BARS=$(count bars)
# staged rows: unlogged, made before anything is timed; batch b holds 1,000 of them
cat > "$W/stage.sql" <<EOF
create unlogged table floor_trades as select (i - 1) / 1000 b, 'F' || lpad((i % 1000)::text, 5, '0') s, 1800000000000000000 + i * 23400000 t, 'floor'::text f, i q, (2629 + i % 97) * 0.01 p, ((i % 500) + 1)::numeric x from generate_series(1::int8, $ROWS::int8) i;
create index on floor_trades (b);
create unlogged table floor_bars as select (i - 1) / 1000 b, 'F' || lpad((i % 1000)::text, 5, '0') s, case when i % 3 = 0 then '1m' else '1s' end v, 1800000000000000000 + i * 1000000000 t, (2629 + i % 97) * 0.01 o, (2639 + i % 97) * 0.01 h, (2619 + i % 97) * 0.01 l, (2630 + i % 97) * 0.01 c, ((i % 500) + 1)::numeric vol, (26295 + i % 97) * 0.001 w, 1 + i % 3 n, 0 r from generate_series(1::int8, $ROWS::int8) i;
create index on floor_bars (b);
truncate trades;
truncate bars;
checkpoint;
EOF
sql "$W/stage.sql" stage
# what reading a batch costs, taken off each insert's figure
for k in $(seq 0 $((ROWS / 1000 - 1))); do
  echo "select count(*) from (select s, t, f, q, p, x from floor_trades where b = $k order by 1, 2, 3) z;" >> "$W/read-trades.sql"
  echo "select count(*) from (select s, v, t, o, h, l, c, vol, w, n, r from floor_bars where b = $k order by 1, 2, 3) z;" >> "$W/read-bars.sql"
  echo "insert into trades (symbol, ts_ns, feed, seq, px, qty) select s, t, f, q, p, x from floor_trades where b = $k order by 1, 2, 3;" >> "$W/trades.sql"
  echo "insert into bars (symbol, interval, start_ns, open, high, low, close, volume, vwap, trades, revision) select s, v, t, o, h, l, c, vol, w, n, r from floor_bars where b = $k order by 1, 2, 3;" >> "$W/bars.sql"
done
sql "$W/read-trades.sql" read-trades; READ_T=$CPU
sql "$W/read-bars.sql" read-bars; READ_B=$CPU
sql "$W/trades.sql" trades; TRADE_US=$(us $CPU $READ_T)
sql "$W/bars.sql" bars; BAR_US=$(us $CPU $READ_B)
printf 'truncate trades;\ntruncate bars;\nalter table trades drop constraint trades_pkey;\nalter table bars drop constraint bars_pkey;\ncheckpoint;\n' > "$W/drop.sql"
sql "$W/drop.sql" drop
sql "$W/trades.sql" trades-nokey; TRADE_NOKEY_US=$(us $CPU $READ_T)
sql "$W/bars.sql" bars-nokey; BAR_NOKEY_US=$(us $CPU $READ_B)

echo "PostgreSQL alone, single-user, $ROWS rows of each made inside it, 1,000 a statement, a commit each (fsync on):"
echo "  a trade row: $TRADE_US us of CPU with its primary key, $TRADE_NOKEY_US without"
echo "  a bar row:   $BAR_US us of CPU with its primary key, $BAR_NOKEY_US without"
if [ "$TICKS" -gt 0 ] && [ -n "$TRADES" ] && [ -n "$BARS" ]; then
  PER=$(awk -v t="$TRADES" -v b="$BARS" -v n="$TICKS" -v tu="$TRADE_US" -v bu="$BAR_US" -v tn="$TRADE_NOKEY_US" -v bn="$BAR_NOKEY_US" \
    'BEGIN { printf "%.3f %.3f %.2f %.2f", t / n, b / n, (t * tu + b * bu) / n, (t * tn + b * bn) / n }')
  set -- $PER
  echo "  the copied store: $TRADES trades and $BARS bars from $TICKS ticks: $1 trades and $2 bars per tick"
  echo "  so PostgreSQL's floor per tick: $3 us of CPU with the keys, $4 without"
  echo "FLOOR trade $TRADE_US bar $BAR_US; without keys trade $TRADE_NOKEY_US bar $BAR_NOKEY_US; rows per tick $1 $2; per tick $3 $4"
else
  echo "FLOOR trade $TRADE_US bar $BAR_US; without keys trade $TRADE_NOKEY_US bar $BAR_NOKEY_US"
fi
