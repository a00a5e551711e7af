#!/bin/sh
# bench_probe.sh: CPU cost per tick of histop's process probe next to the
# naive floor (stat+statm+status+io per process) and stat+statm alone, at
# about 100, 1,000 and 5,000 processes. Starts its own idle processes and
# stops them again (they also die with the spawner, and it exits by itself
# after 15 minutes). Not a test: it prints numbers.
#
#   make bench && bench/bench_probe.sh [-c] [COUNT...]
#
# COUNT is the total number of processes wanted in /proc (default
# "100 1000 5000"). -c adds callgrind instruction counts (user space only:
# the kernel's side of each syscall is not counted).
set -eu

here=$(dirname "$0")
bin=${BENCH_PROBE:-$here/bench_probe}
[ -x "$bin" ] || { echo "bench_probe.sh: $bin not built; run 'make bench'" >&2; exit 1; }
cg=0
if [ "${1:-}" = -c ]; then
	cg=1
	shift
fi
counts=${*:-100 1000 5000}
tmp=$(mktemp -d)
spawner=

stop_spawner() {
	if [ -n "$spawner" ]; then
		kill "$spawner" 2>/dev/null || :
		wait "$spawner" 2>/dev/null || :
		spawner=
	fi
}
trap 'stop_spawner; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

echo "# $(uname -r), $(nproc) CPUs, $(date -u +%Y-%m-%dT%H:%MZ)"
for n in $counts; do
	: >"$tmp/ready"
	"$bin" spawn "$n" 900 >"$tmp/ready" &
	spawner=$!
	i=0
	until grep -q ready "$tmp/ready"; do
		sleep 0.2
		i=$((i + 1))
		if [ $i -gt 300 ]; then
			echo "bench_probe.sh: spawning $n processes timed out" >&2
			exit 1
		fi
	done
	ticks=$((20000 / n))
	[ $ticks -ge 4 ] || ticks=4
	echo
	echo "## target $n processes ($(cat "$tmp/ready")), $ticks ticks x 5 rounds per method, interleaved"
	"$bin" measure -t "$ticks" -r 5
	if [ $cg = 1 ]; then
		echo "# callgrind (user-space instructions per process per tick, 5 ticks after a warm-up tick)"
		for m in histop nocache naive statm; do
			valgrind --tool=callgrind --toggle-collect=bench_tick \
			    --callgrind-out-file="$tmp/cg.$m" "$bin" one "$m" -t 5 \
			    >"$tmp/one.$m" 2>/dev/null
			ir=$(sed -n 's/^totals: *//p' "$tmp/cg.$m" | head -n1)
			procs=$(awk '{print $2}' "$tmp/one.$m")
			awk -v m="$m" -v ir="$ir" -v p="$procs" \
			    'BEGIN { printf "%-8s %7d procs %14.0f Ir/tick %10.0f Ir/proc/tick\n", m, p, ir / 5, ir / 5 / p }'
		done
	fi
	stop_spawner
done
