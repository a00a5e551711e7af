#!/bin/sh
# bench_ui.sh: CPU time per refresh and resident memory of the live UI
# (histop, recording included) against htop, side by side in one run:
# both in tmux at the same size and delay, with N idle processes started
# and stopped here. Not a test: it prints figures.
#
#   sh bench/bench_ui.sh [SECONDS] [COUNTS...]   (default: 30 s, 1000 5000)
#   HISTOP=./histop HTOP=htop DELAY=1 COLS=200 ROWS=50
set -u
secs=${1:-30}
[ $# -gt 0 ] && shift
counts=${*:-1000 5000}
HISTOP=${HISTOP:-./histop}
HTOP=${HTOP:-htop}
DELAY=${DELAY:-1}
COLS=${COLS:-200}
ROWS=${ROWS:-50}
command -v tmux >/dev/null || { echo "bench_ui: tmux needed" >&2; exit 1; }
command -v "$HTOP" >/dev/null || { echo "bench_ui: htop needed" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-ui.XXXXXX")
sock="bench-ui-$$"
idle=""
T() { tmux -L "$sock" -f /dev/null "$@"; }
cleanup() {
	T kill-server 2>/dev/null
	[ -n "$idle" ] && kill $idle 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
tck=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
# the process running in a tmux window (its pane runs it with exec)
pane_pid() { T display -p -t "$1" '#{pane_pid}'; }

T new-session -d -x "$COLS" -y "$ROWS" -s bench "sleep 100000"
have=0
printf '%-6s %-7s %9s %9s %7s %9s %9s %10s\n' procs prog refreshes \
    cpu_ms ms/ref rss_kb rss_min rss_max
for n in $counts; do
	while [ "$have" -lt "$n" ]; do
		sleep 100000 &
		idle="$idle $!"
		have=$((have + 1))
	done
	sleep 1
	rm -rf "$work/state" "$work/config" "$work/home"
	mkdir -p "$work/home"
	# same size, same delay; histop records to a fresh database
	T new-window -d -t bench -n histop "exec env XDG_STATE_HOME=$work/state XDG_CONFIG_HOME=$work/config $HISTOP -d $DELAY"
	T new-window -d -t bench -n htop "exec env HOME=$work/home XDG_CONFIG_HOME=$work/home $HTOP -d $((DELAY * 10))"
	sleep 3 # start-up and first samples are not counted
	for w in histop htop; do
		eval "pid_$w=\$(pane_pid bench:$w)"
		eval "t0_$w=\$(cpu_ticks \$pid_$w)"
		eval "min_$w=999999999 max_$w=0"
	done
	start=$(date +%s.%N)
	i=0
	while [ "$i" -lt "$secs" ]; do
		sleep 1
		for w in histop htop; do
			eval "r=\$(rss_kb \$pid_$w)"
			eval "[ \$r -lt \$min_$w ] && min_$w=\$r; [ \$r -gt \$max_$w ] && max_$w=\$r"
		done
		i=$((i + 1))
	done
	end=$(date +%s.%N)
	for w in histop htop; do
		eval "pid=\$pid_$w t0=\$t0_$w min=\$min_$w max=\$max_$w"
		t1=$(cpu_ticks "$pid")
		r=$(rss_kb "$pid")
		awk -v n="$n" -v w="$w" -v a="$start" -v b="$end" -v d="$DELAY" \
		    -v c=$((t1 - t0)) -v tck="$tck" -v r="$r" -v lo="$min" \
		    -v hi="$max" 'BEGIN {
			refs = (b - a) / d; ms = c * 1000 / tck
			printf "%-6d %-7s %9.1f %9.0f %7.2f %9d %9d %10d\n",
			    n, w, refs, ms, ms / refs, r, lo, hi
		}' | tee -a "$work/results"
	done
	T kill-window -t bench:histop
	T kill-window -t bench:htop
done
awk '{ k = $1; if ($2 == "histop") h[k] = $5; else t[k] = $5 }
END { for (k in h) if (t[k] > 0)
	printf "%d processes: histop/htop CPU per refresh = %.2f\n", k, h[k] / t[k] }' \
    "$work/results"
