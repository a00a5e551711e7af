#!/bin/sh
# bench_db_atop.sh: storage and CPU per sample of `histop record` against
# `atop -w`, recording the same machine over the same 60 one-second
# samples side by side, with ~1,000 idle processes and a few busy ones.
# Not a test: it prints the figures and the ratios.
#
#   sh bench/bench_db_atop.sh [HISTOP] [NIDLE] [SAMPLES]
set -u
HISTOP=${1:-./histop}
NIDLE=${2:-1000}
N=${3:-60}
command -v atop >/dev/null || { echo "atop not installed"; exit 1; }
d=$(mktemp -d /tmp/histop-bench-XXXXXX)
kids=
cleanup() { for p in $kids; do kill "$p" 2>/dev/null; done; rm -rf "$d"; }
trap cleanup EXIT INT TERM

i=0
while [ $i -lt "$NIDLE" ]; do
	sleep 100000 & kids="$kids $!"
	i=$((i + 1))
done
# A few busy ones: short bursts of work, so their counters move.
for j in 1 2 3 4; do
	sh -c 'while :; do i=0; while [ $i -lt 3000 ]; do i=$((i+1)); done;
	    sleep 0.2; done' & kids="$kids $!"
done
sleep 1
echo "processes on the machine: $(ls -d /proc/[0-9]* 2>/dev/null | wc -l)"

# Both recorders start together and take N samples one second apart.
/usr/bin/time -f "%U %S" -o "$d/atop.time" atop -w "$d/atop.raw" 1 "$N" \
    >/dev/null 2>&1 &
a=$!
/usr/bin/time -f "%U %S" -o "$d/histop.time" "$HISTOP" record \
    --db "$d/histop.db" --interval 1 --count "$N" 2>"$d/histop.err" &
h=$!
wait $a $h

ab=$(stat -c %s "$d/atop.raw")
hb=$(( $(stat -c %s "$d/histop.db") + $(stat -c %s "$d/histop.db-wal" 2>/dev/null || echo 0) ))
hs=$(sqlite3 "$d/histop.db" "SELECT count(*) FROM sample" 2>/dev/null || echo "$N")
acpu=$(awk '{ printf "%.3f", ($1 + $2) }' "$d/atop.time")
hcpu=$(awk '{ printf "%.3f", ($1 + $2) }' "$d/histop.time")
echo "samples: atop $N, histop $hs"
awk -v ab="$ab" -v hb="$hb" -v n="$N" -v hs="$hs" -v ac="$acpu" -v hc="$hcpu" 'BEGIN {
	printf "bytes per sample: atop %.0f, histop %.0f  (ratio %.3f)\n",
	    ab / n, hb / hs, (hb / hs) / (ab / n)
	printf "CPU per sample:   atop %.2f ms, histop %.2f ms  (ratio %.3f)\n",
	    ac * 1000 / n, hc * 1000 / hs, (hc / hs) / (ac / n)
}'
echo "histop bytes by table and index (dbstat):"
sqlite3 "$d/histop.db" "SELECT printf('  %-14s %8d', name, sum(pgsize)) FROM dbstat
    GROUP BY name HAVING sum(pgsize) > 8192 ORDER BY sum(pgsize) DESC" 2>/dev/null
echo "histop processes seen: $(sqlite3 "$d/histop.db" "SELECT count(*) FROM process"), \
strings: $(sqlite3 "$d/histop.db" "SELECT count(*) || ' (' || sum(length(CAST(s AS BLOB))) || ' bytes)' FROM str")"
[ -s "$d/histop.err" ] && { echo "histop said:"; cat "$d/histop.err"; }
exit 0
