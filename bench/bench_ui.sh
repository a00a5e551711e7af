#!/bin/sh
# bench_ui.sh: CPU time per refresh and resident memory of the live UI
# (histop, recording included) against htop, side by side in one run:
# both in tmux at the same size and delay, with N idle processes started
# and stopped here. Not a test: it prints figures.
#
#   sh bench/bench_ui.sh [SECONDS] [COUNTS...]   (default: 30 s, 1000 5000)
#   HISTOP=./histop HTOP=htop DELAY=1 COLS=200 ROWS=50
#   sh bench/bench_ui.sh -c [NPROC]   repeatable callgrind count of the UI's
#                                     own work per refresh (sort, filter,
#                                     draw) on synthetic snapshots
#   sh bench/bench_ui.sh -l [MINUTES] [NPROC]   long run (10 min, 1000):
#                                     resident memory of both every 10 s
#                                     while processes come and go (20 a
#                                     second, each with its own command
#                                     line, living 2 s); prints the RSS
#                                     after the first minute, after the
#                                     second (the first minute's rollups
#                                     are done) and at the end. As root
#                                     it runs in a private PID namespace
#                                     (unshare -p --mount-proc): both see
#                                     only the processes started here, not
#                                     whatever else the machine runs;
#                                     HOST=1 runs it on the whole host.
set -u
. "$(dirname "$0")/bench_lib.sh"
long=0
where="the whole host"
if [ "${1:-}" = -l ]; then
	long=1
	mins=${2:-10}
	long_n=${3:-1000}
	set --
	if [ "${BENCH_IN_NS:-}" = 1 ]; then
		where="a private PID namespace (unshare -p --mount-proc)"
	elif [ "${HOST:-}" != 1 ] && [ "$(id -u)" = 0 ] &&
	    unshare -p -f --mount-proc true 2>/dev/null; then
		exec unshare -p -f --mount-proc env BENCH_IN_NS=1 \
		    sh "$0" -l "$mins" "$long_n"
	fi
fi
if [ "${1:-}" = -c ]; then
	n=${2:-5000}
	fixture=${FIXTURE:-tests/ui/ui_fixture}
	command -v valgrind >/dev/null || { echo "bench_ui: valgrind needed" >&2; exit 1; }
	bench_setup bench-ui-cg
	# two runs, 10 and 40 samples: the difference is 30 refreshes
	for t in 10 40; do
		T new-session -d -x 200 -y 50 \
		    "env XDG_CONFIG_HOME=$work valgrind --tool=callgrind --callgrind-out-file=$work/cg.$t $fixture $n 0.05 $t"
		while T has-session 2>/dev/null; do sleep 0.5; done
	done
	ir() { callgrind_annotate --inclusive=yes "$1" 2>/dev/null |
	    awk -v f="$2" 'index($0, f) { gsub(/,/, "", $1); print $1; exit }'; }
	for f in 'PROGRAM TOTALS' synth_fill main_draw proctab_build proctab_draw; do
		a=$(ir "$work/cg.10" "$f")
		b=$(ir "$work/cg.40" "$f")
		echo "${f%% *} ${a:-0} ${b:-0}"
	done | awk -v n="$n" '
	{ d[$1] = ($3 - $2) / 30 }
	END {
		printf "%d synthetic processes, instructions per refresh:\n", n
		printf "  UI total (all but the synthetic source) %12.0f\n",
		    d["PROGRAM"] - d["synth_fill"]
		printf "  main view draw                          %12.0f\n", d["main_draw"]
		printf "    process table rebuild (filter, sort)  %12.0f\n", d["proctab_build"]
		printf "    process table rows drawn              %12.0f\n", d["proctab_draw"]
	}'
	exit 0
fi
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
bench_setup bench-ui
tck=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
# the process running in a tmux window (its pane runs it with exec)
pane_pid() { T display -p -t "$1" '#{pane_pid}'; }

T new-session -d -x "$COLS" -y "$ROWS" -s bench "sleep 100000"
if [ "$long" = 1 ]; then
	n=$long_n
	bench_idle $((n - $(ls /proc | grep -c '^[0-9]')))
	# churn: 20 new processes a second, every command line a new one
	(i=0; while :; do
		j=0
		while [ $j -lt 20 ]; do
			sleep "2.$i" &
			i=$((i + 1)); j=$((j + 1))
		done
		sleep 1
	done) &
	bench_kill=$!
	mkdir -p "$work/home"
	T new-window -d -t bench: -n histop "exec env XDG_STATE_HOME=$work/state XDG_CONFIG_HOME=$work/config $HISTOP -d $DELAY"
	T new-window -d -t bench: -n htop "exec env HOME=$work/home XDG_CONFIG_HOME=$work/home $HTOP -d $((DELAY * 10))"
	sleep 3
	ph=$(pane_pid bench:histop)
	pt=$(pane_pid bench:htop)
	c0h=$(cpu_ticks "$ph")
	c0t=$(cpu_ticks "$pt")
	echo "# $n processes + churn, ${mins} min, RSS in kB every 10 s; in $where"
	printf '%6s %9s %9s %7s\n' t_s histop htop procs
	t=0
	end=$((mins * 60))
	while [ "$t" -lt "$end" ]; do
		sleep 10
		t=$((t + 10))
		printf '%6d %9d %9d %7d\n' "$t" "$(rss_kb "$ph")" \
		    "$(rss_kb "$pt")" "$(ls /proc | grep -c '^[0-9]')"
	done | tee "$work/long"
	c1h=$(cpu_ticks "$ph")
	c1t=$(cpu_ticks "$pt")
	awk -v ch=$((c1h - c0h)) -v ct=$((c1t - c0t)) -v tck="$tck" \
	    -v refs=$((end / DELAY)) '
	$1 == 60 { h1 = $2; t1 = $3 }
	$1 == 120 { h2 = $2; t2 = $3 }
	{ if ($2 > hmax) hmax = $2; if ($3 > tmax) tmax = $3; hl = $2; tl = $3 }
	END {
		printf "histop RSS: %d kB at 1 min, %d kB at 2 min, %d kB at " \
		    "the end (%+d since 1 min, %+d since 2), max %d\n", h1, h2,
		    hl, hl - h1, hl - h2, hmax
		printf "htop   RSS: %d kB at 1 min, %d kB at 2 min, %d kB at " \
		    "the end (%+d since 1 min, %+d since 2), max %d\n", t1, t2,
		    tl, tl - t1, tl - t2, tmax
		printf "CPU ms per refresh: histop %.2f, htop %.2f\n",
		    ch * 1000 / tck / refs, ct * 1000 / tck / refs
	}' "$work/long"
	exit 0
fi
printf '%-6s %-7s %9s %9s %7s %9s %9s %10s\n' procs prog refreshes \
    cpu_ms ms/ref rss_kb rss_min rss_max
for n in $counts; do
	bench_idle "$n"
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
