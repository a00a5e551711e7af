#!/bin/sh
# bench_timetravel.sh: CPU time histop spends per history key *including
# the redraw*, measured end to end in a real terminal (tmux, 160x50):
# the histop process's utime+stime (/proc/PID/stat) over N keys, each sent
# once the previous one is on screen. Not a test.
#
#   bench/bench_timetravel.sh HISTOP DB [N]
#   e.g. bench/bench_timetravel.sh ./histop /var/tmp/tt/tt-168h-300p.db 100
# DB: a history from bench_timetravel (fixed wall times from 2026-11-25).
set -u
histop=$1 db=$2 n=${3:-100}
command -v tmux >/dev/null || { echo "tmux needed" >&2; exit 2; }
sock=$(mktemp -u /tmp/histop-bench.XXXXXX)
T() { tmux -S "$sock" "$@"; }
trap 'T kill-server 2>/dev/null' EXIT
export TZ=UTC
T -f /dev/null new-session -d -x 160 -y 50 \
    "env TERM=screen LC_ALL=C.UTF-8 $histop -r $db -d 2"
line1() { T capture-pane -p | head -1; }
waitchange() { # until line 1 differs from $1 (bounded: 10 s)
	i=0
	while [ "$(line1)" = "$1" ] && [ $i -lt 1000 ]; do
		sleep 0.01
		i=$((i + 1))
	done
}
i=0
until line1 | grep -q REPLAY || [ $i -gt 500 ]; do sleep 0.02; i=$((i + 1)); done
pid=$(T list-panes -F '#{pane_pid}')
[ "$(cat /proc/$pid/comm)" = histop ] || pid=$(pgrep -P "$pid" histop)
hz=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
report() { # report WHAT TICKS COUNT
	awk -v w="$1" -v t="$2" -v n="$3" -v hz="$hz" 'BEGIN {
		printf "%-24s %4d keys  %7.2f ms CPU per key (redraw included)\n",
		    w, n, 1000 * t / hz / n }'
}

# Step back one sample at a time from the newest.
c0=$(cpu)
k=0
while [ $k -lt "$n" ]; do
	l=$(line1); T send-keys Left; waitchange "$l"; k=$((k + 1))
done
report "step (Left)" $(($(cpu) - c0)) "$n"

# Jumps anywhere: the typed prompt, ISO times spread over the history.
first=$(sqlite3 "$db" 'SELECT min(wall_ns) / 1000000000 FROM sample')
last=$(sqlite3 "$db" 'SELECT max(wall_ns) / 1000000000 FROM sample')
m=$((n / 5))
c0=$(cpu)
k=0
while [ $k -lt "$m" ]; do
	t=$((first + (last - first) * ((k * 7919) % m) / m))
	iso=$(date -u -d "@$t" +%Y-%m-%dT%H:%M:%S)
	l=$(line1)
	T send-keys g
	T send-keys -l "$iso"
	T send-keys Enter
	waitchange "$l"
	k=$((k + 1))
done
report "jump (g TIME)" $(($(cpu) - c0)) "$m"

# Graphs of the whole history, redrawn at two zooms in turn.
T send-keys G a
sleep 1
c0=$(cpu)
k=0
while [ $k -lt "$m" ]; do
	l=$(T capture-pane -p | sed -n 2p)
	if [ $((k % 2)) -eq 0 ]; then T send-keys +; else T send-keys a; fi
	i=0
	while [ "$(T capture-pane -p | sed -n 2p)" = "$l" ] && [ $i -lt 1000 ]; do
		sleep 0.01
		i=$((i + 1))
	done
	k=$((k + 1))
done
report "graphs (zoom, refetch)" $(($(cpu) - c0)) "$m"
T send-keys q
