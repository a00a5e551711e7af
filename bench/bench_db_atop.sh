#!/bin/bash
# bench_db_atop.sh: storage and CPU per sample of `histop record` beside
# atop recording the same machine over the same samples (atop -w FILE 1 N
# and histop record --interval 1 --count N, started together), with NIDLE
# idle processes and 3 part-time busy ones started (and stopped) here.
# Not a test: it prints a table, the ratios and the command.
#
#   make && bench/bench_db_atop.sh [--host] [NIDLE [SAMPLES]]  (default 1000 60)
#
# Bytes: the files as left on disk after the last sample (histop's WAL is
# checkpointed on exit), divided by the samples; "steady" is the growth
# between the 10th and the (N-5)th second, per sample, without the first
# sample's full process list. CPU: user+system of each recorder as its
# parent's wait4() sees it (/usr/bin/time), divided by the samples.
set -eu

# In a private PID namespace (root, unshare(1)) both recorders see only
# the processes started here: the comparison is not swayed by whatever
# else the machine is running (other builds spawning thousands of
# short-lived processes with 20 KB command lines). --host: the whole host.
if [ "${1:-}" = --host ]; then
	shift
	where="the whole host"
elif [ "${BENCH_IN_NS:-}" = 1 ]; then
	where="a private PID namespace (unshare -p --mount-proc)"
elif [ "$(id -u)" = 0 ] && unshare -p -f --mount-proc true 2>/dev/null; then
	exec unshare -p -f --mount-proc env BENCH_IN_NS=1 "$0" "$@"
else
	where="the whole host (no PID namespace: not root?)"
fi

here=$(cd "$(dirname "$0")" && pwd)
HISTOP=${HISTOP:-$here/../histop}
nidle=${1:-1000}
samples=${2:-60}
[ -x "$HISTOP" ] || { echo "bench_db_atop.sh: $HISTOP not built" >&2; exit 1; }
for c in atop sqlite3 /usr/bin/time; do
	command -v "$c" >/dev/null || { echo "bench_db_atop.sh: needs $c" >&2; exit 1; }
done
tmp=$(mktemp -d)
kids=()
cleanup() {
	for p in "${kids[@]}"; do kill "$p" 2>/dev/null || :; done
	wait 2>/dev/null || :
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Idle processes with distinct command lines (as a server's workers have),
# and 3 busy ones at about a third of a CPU each, niced.
for ((i = 0; i < nidle; i++)); do
	(exec -a "idle-worker-$i --queue=q$((i % 17)) --conf=/etc/w$((i % 5)).conf" \
	    sleep 3600) &
	kids+=($!)
done
for i in 1 2 3; do
	nice -n 19 bash -c 'while :; do for ((j = 0; j < 20000; j++)); do :; done; sleep 0.2; done' &
	kids+=($!)
done
sleep 2
nproc_now=$(ls -d /proc/[0-9]* 2>/dev/null | wc -l)

/usr/bin/time -f '%U %S' -o "$tmp/atop.time" atop -w "$tmp/atop.raw" 1 "$samples" \
    >/dev/null 2>"$tmp/atop.err" &
ap=$!
/usr/bin/time -f '%U %S' -o "$tmp/histop.time" "$HISTOP" record --db "$tmp/h.db" \
    --interval 1 --count "$samples" 2>"$tmp/histop.err" &
hp=$!
t0=$(date +%s)

# used BYTES of the histop database and its sample count, through the WAL
hused() {
	sqlite3 -readonly "$tmp/h.db" "SELECT (SELECT page_count FROM pragma_page_count) -
	    (SELECT freelist_count FROM pragma_freelist_count), (SELECT page_size FROM
	    pragma_page_size), (SELECT count(*) FROM sample)" 2>/dev/null |
	    awk -F'|' '{ print $1 * $2, $3 }'
}
early=10
late=$((samples - 5))
while [ $(($(date +%s) - t0)) -lt $early ]; do sleep 0.2; done
a1=$(stat -c %s "$tmp/atop.raw"); read -r h1 n1 <<<"$(hused)"; s1=$(date +%s%N)
while [ $(($(date +%s) - t0)) -lt $late ]; do sleep 0.2; done
a2=$(stat -c %s "$tmp/atop.raw"); read -r h2 n2 <<<"$(hused)"; s2=$(date +%s%N)
wait "$ap" || { echo "atop failed:"; cat "$tmp/atop.err"; exit 1; }
wait "$hp" || { echo "histop failed:"; cat "$tmp/histop.err"; exit 1; }

asamples=$(atop -r "$tmp/atop.raw" -P CPU 2>/dev/null | grep -c '^CPU ' || :)
hsamples=$(sqlite3 -readonly "$tmp/h.db" "SELECT count(*) FROM sample")
abytes=$(stat -c %s "$tmp/atop.raw")
hbytes=$(( $(stat -c %s "$tmp/h.db") + $(stat -c %s "$tmp/h.db-wal" 2>/dev/null || echo 0) ))
hprocs=$(sqlite3 -readonly "$tmp/h.db" "SELECT max(nproc) FROM sample")
hmin=$(sqlite3 -readonly "$tmp/h.db" "SELECT min(nproc) FROM sample")
read -r au as < "$tmp/atop.time"
read -r hu hs < "$tmp/histop.time"
secs=$(awk -v a="$s1" -v b="$s2" 'BEGIN { print (b - a) / 1e9 }')

echo "# $(uname -r), $(nproc) CPUs, $(date -u +%Y-%m-%dT%H:%MZ); in $where"
echo "# $nproc_now processes in /proc ($nidle idle + 3 busy started), histop saw $hmin..$hprocs"
echo "# command: bench/bench_db_atop.sh $nidle $samples   (atop -w FILE 1 $samples beside histop record --interval 1 --count $samples)"
awk -v as_="$asamples" -v hs_="$hsamples" -v ab="$abytes" -v hb="$hbytes" \
    -v au="$au" -v ass="$as" -v hu="$hu" -v hss="$hs" \
    -v a1="$a1" -v a2="$a2" -v h1="$h1" -v h2="$h2" -v n1="$n1" -v n2="$n2" -v secs="$secs" '
BEGIN {
	ap = ab / as_; hp = hb / hs_
	# atop writes one sample a second: its steady samples are the seconds
	ast = (a2 - a1) / secs; hst = (h2 - h1) / (n2 - n1)
	ac = (au + ass) * 1000 / as_; hc = (hu + hss) * 1000 / hs_
	printf "%-8s %8s %12s %14s %16s %14s\n", "recorder", "samples", "bytes", "bytes/sample", "steady B/sample", "CPU ms/sample"
	printf "%-8s %8d %12d %14.0f %16.0f %14.2f\n", "atop", as_, ab, ap, ast, ac
	printf "%-8s %8d %12d %14.0f %16.0f %14.2f\n", "histop", hs_, hb, hp, hst, hc
	printf "ratio histop/atop: bytes/sample %.3f (target <= 0.25), steady %.3f, CPU/sample %.3f (target <= 0.5)\n", hp / ap, hst / ast, hc / ac
}'
