#!/bin/sh
# bench_input.sh: how long the live UI goes without reading input while it
# samples N idle processes — the longest key wait. Each program runs in
# tmux under strace, tracing poll() only (--seccomp-bpf: the /proc walk is
# not slowed); a gap is the time from one poll() returning to the next
# one being called. Programs run in turn, same size, delay and processes.
# Not a test: it prints figures (wall time: a loaded machine stretches
# every gap).
#
#   sh bench/bench_input.sh [NPROC [SECONDS]]      (default 5000 15)
#   PROGS="./histop /tmp/histop-old" DELAY=0.5
set -u
nproc=${1:-5000}
secs=${2:-15}
PROGS=${PROGS:-./histop}
DELAY=${DELAY:-0.5}
for t in tmux strace; do
	command -v $t >/dev/null || { echo "bench_input: $t needed" >&2; exit 1; }
done
. "$(dirname "$0")/bench_lib.sh"
bench_setup bench-input
bench_idle "$nproc"
sleep 1
printf '%-24s %6s %9s %9s %9s %9s\n' program polls p50_ms p99_ms max_ms \
    'gaps>20ms'
for prog in $PROGS; do
	rm -rf "$work/state" "$work/config" "$work/trace"
	T new-session -d -x 200 -y 50 "exec env XDG_STATE_HOME=$work/state XDG_CONFIG_HOME=$work/config strace --seccomp-bpf -e trace=poll -ttt -T -o $work/trace $prog -d $DELAY"
	sleep "$secs"
	T send-keys q
	sleep 1
	T kill-server 2>/dev/null
	# the first 3 s (start-up, the first walk reads every file) apart
	awk '/poll\(/ {
		t = $1 + 0
		d = $NF
		gsub(/[<>]/, "", d)
		if (t0 == 0)
			t0 = t
		if (have && t - t0 > 3)
			print (t - endp) * 1000
		endp = t + d
		have = 1
	}' "$work/trace" | sort -n | awk -v p="$prog" '
	{ v[NR] = $1; big += $1 > 20 }
	END {
		printf "%-24s %6d %9.1f %9.1f %9.1f %9d\n", p, NR,
		    v[int(NR * 0.5 + 0.5)], v[int(NR * 0.99 + 0.5)], v[NR], big
	}'
done
