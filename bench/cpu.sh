# CPU accounting from /proc, sourced by bench/sitting.sh and cluster/bench-2nodes.sh.
CLK=$(getconf CLK_TCK)
# CPU time of a process so far (user + system), in clock ticks; 0 once it is gone
jiffies() { awk '{ print $14 + $15 }' /proc/$1/stat 2>/dev/null || echo 0; }
# the same summed over PostgreSQL's processes (the run's embedded server is the only one expected)
pg_jiffies() { local t=0 p; for p in $(pgrep -x postgres); do t=$((t + $(jiffies $p))); done; echo $t; }
# all the machine's clock ticks so far and its idle ones (/proc/stat)
all_jiffies() { awk '/^cpu / { print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9, $5 + $6 }' /proc/stat; }
# per_tick JIFFIES TICKS [DECIMALS]: microseconds of CPU per tick (3 decimals unless told)
per_tick() { awk -v j="$1" -v c="$CLK" -v t="$2" -v d="${3:-3}" 'BEGIN { printf "%." d "f", j / c * 1e6 / t }'; }
# cpu_rest NODES_JIFFIES PG_JIFFIES ALL_BEFORE ALL_AFTER TICKS: "REST_US_PER_TICK BUSY_PERCENT", the rest
# being what neither the nodes nor PostgreSQL used (the load tool, the kernel)
cpu_rest() {
  awk -v n="$1" -v g="$2" -v a0="$3" -v a1="$4" -v c="$CLK" -v t="$5" 'BEGIN { split(a0, x, " "); split(a1, y, " ");
    total = y[1] - x[1]; busy = total - (y[2] - x[2]); printf "%.1f %.0f", (busy - n - g) / c * 1e6 / t, 100 * busy / total }'
}
# each thread of a process: "TID JIFFIES", sorted by TID (threads gone since are missed)
# (a thread's name may hold spaces: its fields are counted after the closing parenthesis)
thread_jiffies() { local t; for t in /proc/$1/task/*; do sed 's/.*) //' $t/stat 2>/dev/null | awk -v t="${t##*/}" '{ print t, $12 + $13 }'; done | LC_ALL=C sort; }
# busy_threads BEFORE AFTER SECONDS: how busy the process's two busiest threads were over SECONDS, and all
# its threads together in cores: "61 % / 58 %, 1.25 cores" (a thread started meanwhile counts from 0)
busy_threads() {
  LC_ALL=C join -a 2 -e 0 -o 0,1.2,2.2 <(echo "$1") <(echo "$2") | awk -v c="$CLK" -v s="$3" '{ d = $3 - $2; all += d; if (d > a) { b = a; a = d } else if (d > b) b = d }
    END { if (s > 0) printf "%.0f %% / %.0f %%, %.2f cores", 100 * a / c / s, 100 * b / c / s, all / c / s; else printf "-" }'
}
