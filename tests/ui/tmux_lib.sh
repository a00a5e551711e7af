# tmux_lib.sh: drive the UI in a private tmux server (sourced by tests).
# Each test gets its own socket; everything it starts dies at the end.
: "${top_builddir:=.}" "${top_srcdir:=.}"
command -v tmux >/dev/null 2>&1 || skip_all "tmux not installed"
work=$(mktemp -d "${TMPDIR:-/tmp}/histop-ui.XXXXXX")
# named after the private dir, not the pid: tests in other pid namespaces
# (containers, unshare) share /tmp/tmux-UID and reuse the same small pids
sock_base="histop-test-${work##*.}"
sock="$sock_base"
socks="$sock"
helpers=""
# Private state and config, never the user's.
export XDG_STATE_HOME="$work/state" XDG_CONFIG_HOME="$work/config"
# a loaded machine may split an escape sequence (mouse, arrows): wait
# long enough that it stays one key
export ESCDELAY=1000
T() { tmux -u -L "$sock" -f /dev/null "$@"; }
cleanup() {
	for s in $socks; do tmux -L "$s" kill-server 2>/dev/null; done
	for p in $helpers; do kill "$p" 2>/dev/null; done
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
# wrap COMMAND...: run COMMAND in a shell that records its exit status in
# $work/exit.<socket>.<window> (tmux may be slow to reap a pane's process)
nwin=0
wrap() {
	cmd="$*"
	cmd=${cmd#exec }
	echo "$cmd; echo \$? > $work/exit.$sock.$nwin"
	nwin=$((nwin + 1))
}
# start W H COMMAND...: a new session running COMMAND
start() {
	w=$1 h=$2
	shift 2
	nwin=0
	T new-session -d -x "$w" -y "$h" "$(wrap "$@")"
	T set-option -g remain-on-exit on >/dev/null
}
# window COMMAND...: a new window (:1, :2, ...) running COMMAND
window() { T new-window -d "$(wrap "$@")"; }
# app_pid [TARGET]: the pid of the program the pane's shell runs
app_pid() {
	sh_pid=$(T display -p ${1:+-t "$1"} '#{pane_pid}')
	c=$(pgrep -P "$sh_pid" | head -1)
	echo "${c:-$sh_pid}"
}
screen() { T capture-pane -p; }
# poll SECONDS COMMAND...: run COMMAND every 0.1 s until it succeeds
poll() {
	n=$(( $1 * 10 ))
	shift
	while [ "$n" -gt 0 ]; do
		"$@" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}
on_screen() { screen | grep -q -- "$1"; }
off_screen() { ! on_screen "$1"; }
# wait_for REGEX [SECONDS]: poll the screen until it matches
wait_for() { poll "${2:-10}" on_screen "$1"; }
# wait_gone REGEX [SECONDS]
wait_gone() { poll "${2:-10}" off_screen "$1"; }
# the first process row under the table header
top_row() { screen | sed -n '/PID USER/{n;p;q}'; }
# every row of the process table (not the status line)
table_rows() { screen | sed -n '/PID USER/,$p' | sed '1d;$d' | grep -v '^ *$'; }
on_top() { top_row | grep -q -- "$1"; }
# wait_top REGEX [SECONDS]: poll until the top row matches
wait_top() { poll "${2:-10}" on_top "$1"; }
# alive: the program in window 0 has not ended
alive() { [ ! -s "$work/exit.$sock.0" ] && [ "$(T display -p '#{pane_dead}')" = 0 ]; }
# new_server: stop this tmux server and use a fresh socket (a killed
# server takes a moment to go; reusing its socket races with that)
new_server() {
	T kill-server 2>/dev/null
	sock="$sock_base-$(( $(echo $socks | wc -w) + 1 ))"
	nwin=0
	socks="$socks $sock"
}
count_is() { [ "$(table_rows | grep -c -- "$1")" -eq "$2" ]; }
# wait_count REGEX N [SECONDS]: until N table rows match
wait_count() { poll "${3:-10}" count_is "$1" "$2"; }
# exit_status [WINDOW]: wait (30 s at most) for the program in that
# window (default 0) to end; prints its exit status
exit_status() {
	f="$work/exit.$sock.${1:-0}"
	if poll 30 test -s "$f"; then cat "$f"; else echo "still running"; fi
}
