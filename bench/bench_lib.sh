# bench_lib.sh: the setup bench_ui.sh and bench_input.sh share (sourced):
# a private work dir and tmux server, idle processes, cleanup on exit.
#   bench_setup NAME  $work (a fresh dir), $sock (a tmux socket of its
#                     own); at exit the server, the idle processes and any
#                     pid in $bench_kill are killed and $work removed
#   T ARGS...         tmux on that server
#   bench_idle N      start idle processes until N of them run
bench_setup() {
	work=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX") || exit 1
	# named after the dir, not the pid: unique across pid namespaces
	sock="$1-${work##*.}"
	idle=""
	nidle=0
	bench_kill=""
	trap bench_cleanup EXIT
	trap 'exit 130' INT TERM
}
T() { tmux -L "$sock" -f /dev/null "$@"; }
bench_cleanup() {
	T kill-server 2>/dev/null
	# shellcheck disable=SC2086
	[ -n "$bench_kill$idle" ] && kill $bench_kill $idle 2>/dev/null
	rm -rf "$work"
}
bench_idle() {
	while [ "$nidle" -lt "$1" ]; do
		sleep 100000 &
		idle="$idle $!"
		nidle=$((nidle + 1))
	done
}
