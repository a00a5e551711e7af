# tmux.sh: drive histop in a private headless tmux server. Source after
# tests/tap.sh. Every wait is bounded; the server dies with the test.
#   tt_start W H CMD...   start CMD in a W x H session (private socket)
#   tt_keys KEY...        send-keys
#   tt_screen             the visible pane as text
#   tt_wait REGEX [SECS]  poll the screen until it matches (0) or time out (1)
#   tt_gone [SECS]        wait until the program exited; echo its status
#   tt_history            generate the standard history (below)
command -v tmux >/dev/null 2>&1 || skip_all "tmux not installed"

tt_dir=$(mktemp -d "${TMPDIR:-/tmp}/histop-tt.XXXXXX")
tt_sock="$tt_dir/tmux.sock"
tt_n=0
tt_s=
# Private state and config: never the user's database or histoprc.
export XDG_STATE_HOME="$tt_dir/state" XDG_CONFIG_HOME="$tt_dir/config"
tt_cleanup() {
	tmux -S "$tt_sock" kill-server 2>/dev/null
	rm -rf "$tt_dir"
}
trap tt_cleanup EXIT

# TERM=screen: the terminal tmux emulates, so keys (Home, End, S-Left)
# arrive as terminfo says. A keep-alive session keeps the server up
# between programs. The exit status goes to a file: tmux may mark a pane
# dead (its pty closed) without ever recording the status.
tt_start() {
	tt_w=$1 tt_h=$2
	shift 2
	if [ "$tt_n" -eq 0 ]; then
		tmux -S "$tt_sock" -f /dev/null new-session -d -s keep \
		    "sleep 3600" || return 1
	fi
	tt_n=$((tt_n + 1))
	tt_s=tt$tt_n
	tmux -S "$tt_sock" new-session -d -x "$tt_w" -y "$tt_h" -s "$tt_s" \
	    "env TERM=screen LC_ALL=${LC_ALL:-C.UTF-8} $*; \
	    echo \$? > '$tt_dir/status.$tt_s'; sleep 3600"
}

tt_keys() {
	tmux -S "$tt_sock" send-keys -t "$tt_s" "$@"
}

# Type text literally (it may start with '-').
tt_type() {
	tmux -S "$tt_sock" send-keys -t "$tt_s" -l -- "$1"
}

tt_screen() {
	tmux -S "$tt_sock" capture-pane -p -t "$tt_s"
}

tt_wait() {
	tt_re=$1 tt_secs=${2:-10}
	tt_i=$((tt_secs * 20))
	while [ "$tt_i" -gt 0 ]; do
		if tt_screen | grep -E -q -- "$tt_re"; then
			return 0
		fi
		sleep 0.05
		tt_i=$((tt_i - 1))
	done
	echo "# timed out waiting for /$tt_re/; screen:"
	tt_screen | sed 's/^/#   /'
	return 1
}

# Wait until the screen no longer matches REGEX.
tt_wait_not() {
	tt_re=$1 tt_secs=${2:-10}
	tt_i=$((tt_secs * 20))
	while [ "$tt_i" -gt 0 ]; do
		if ! tt_screen | grep -E -q -- "$tt_re"; then
			return 0
		fi
		sleep 0.05
		tt_i=$((tt_i - 1))
	done
	echo "# timed out waiting for /$tt_re/ to go; screen:"
	tt_screen | sed 's/^/#   /'
	return 1
}

tt_gone() {
	tt_secs=${1:-20}
	tt_i=$((tt_secs * 20))
	while [ "$tt_i" -gt 0 ]; do
		if [ -s "$tt_dir/status.$tt_s" ]; then
			cat "$tt_dir/status.$tt_s"
			return 0
		fi
		sleep 0.05
		tt_i=$((tt_i - 1))
	done
	echo running
	# Diagnose a hang: where is it stuck?
	if command -v gdb >/dev/null 2>&1; then
		tt_p=$(pgrep -P "$(tmux -S "$tt_sock" list-panes -t "$tt_s" \
		    -F '#{pane_pid}')" | head -1)
		[ -n "$tt_p" ] && gdb -p "$tt_p" -batch \
		    -ex 'thread apply all bt' 2>&1 | grep '^#' |
		    sed 's/^/# /' >&2
	fi
	return 1
}

# Poll until the output of a command equals a value (bounded).
tt_until() { # tt_until WANT SECS CMD...
	tt_want=$1 tt_secs=$2
	shift 2
	tt_i=$((tt_secs * 20))
	while [ "$tt_i" -gt 0 ]; do
		[ "$("$@")" = "$tt_want" ] && return 0
		sleep 0.05
		tt_i=$((tt_i - 1))
	done
	return 1
}

# The standard synthetic history in $tt_dir/h.db (TZ=UTC): 100 samples
# every 2 s from 2026-11-25 00:00:00; the ephemeral process lives in
# samples [20, 40), the CPU spike is sample 50. $gen is the generator.
tt_history() {
	gen="$top_builddir/tests/timetravel/gen_history"
	[ -x "$gen" ] || skip_all "gen_history not built"
	export TZ=UTC
	"$gen" "$tt_dir/h.db" -n 100 -p 20 -q ||
	    { echo "Bail out! gen_history"; exit 1; }
}

tt_kill() {
	tmux -S "$tt_sock" kill-session -t "$tt_s" 2>/dev/null
	:
}
