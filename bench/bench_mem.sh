#!/bin/sh
# bench_mem.sh: where the resident memory of the live UI goes, beside
# htop: histop recording, histop --no-record and htop in tmux at the same
# size and delay over N idle processes; after SECS, each one's RSS, its
# heap and anonymous memory and the libsqlite3 code mapped in (smaps).
# Run as root it takes a private PID namespace, so only the processes
# started here are seen. Not a test: it prints a table.
#
#   sh bench/bench_mem.sh [NPROC] [SECS]       (default 1000 40)
#   HISTOP=./histop HTOP=htop COLS=200 ROWS=50
set -u
if [ "$(id -u)" = 0 ] && [ -z "${BENCH_IN_NS:-}" ] &&
    command -v unshare >/dev/null; then
	BENCH_IN_NS=1 exec unshare -pf --mount-proc sh "$0" "$@"
fi
n=${1:-1000}
secs=${2:-40}
HISTOP=${HISTOP:-./histop}
HTOP=${HTOP:-htop}
. "$(dirname "$0")/bench_lib.sh"
command -v tmux >/dev/null || { echo "bench_mem: tmux needed" >&2; exit 1; }
command -v "$HTOP" >/dev/null || { echo "bench_mem: htop needed" >&2; exit 1; }
bench_setup bench-mem
bench_idle "$((n - $(ls /proc | grep -c '^[0-9]')))"
T new-session -d -x "${COLS:-200}" -y "${ROWS:-50}" -s b "sleep 100000"
T new-window -d -t b: -n rec "exec env XDG_STATE_HOME=$work/s1 XDG_CONFIG_HOME=$work/c1 $HISTOP -d 1"
T new-window -d -t b: -n norec "exec env XDG_STATE_HOME=$work/s2 XDG_CONFIG_HOME=$work/c2 $HISTOP -d 1 --no-record"
T new-window -d -t b: -n htop "exec env HOME=$work XDG_CONFIG_HOME=$work $HTOP -d 10"
sleep "$secs"
echo "# $(ls /proc | grep -c '^[0-9]') processes, ${secs} s, kB"
printf '%-16s %8s %8s %8s %10s\n' program rss heap anon libsqlite3
for w in rec norec htop; do
	p=$(T display -p -t "b:$w" '#{pane_pid}')
	case $w in
	rec) name="histop" ;;
	norec) name="histop no-rec" ;;
	*) name="htop" ;;
	esac
	awk -v name="$name" '
	/^[0-9a-f]+-[0-9a-f]+ / { m = $6 == "" ? "[anon]" : $6 }
	/^Rss:/ {
		rss += $2
		if (m == "[heap]") heap += $2
		else if (m == "[anon]") anon += $2
		else if (m ~ /libsqlite3/) sql += $2
	}
	END { printf "%-16s %8d %8d %8d %10d\n", name, rss, heap, anon, sql }
	' "/proc/$p/smaps"
done
