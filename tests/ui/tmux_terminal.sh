# tmux_terminal.sh: terminal discipline — q, SIGTERM, SIGINT, SIGHUP and
# ^Z give the shell back a sane terminal; an unusable TERM or a stdout
# that is not a terminal is refused with a message; resize storms and tiny
# terminals never kill the UI.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/ui/tmux_lib.sh"

# not a terminal: refused with a hint, exit 2 (documented)
"$HISTOP" --no-record >"$work/out" 2>"$work/err" </dev/null
is "$?" 2 "stdout not a terminal: exit 2"
grep -q -- '-b' "$work/err"
ok $? "and the message suggests -b"

start 100 30 "env PS1='PROMPT> ' bash --norc --noprofile -i"
wait_for 'PROMPT>' 10
ok $? "shell prompt"
run() { T send-keys "$*" Enter; }
# same_stty FILE: FILE is written whole and equals the stty -a before (the
# shell writes it after the EXIT line shows: poll, do not guess a delay)
same_stty() { poll 10 cmp -s "$work/before" "$1"; }
run "stty -a > $work/before"

# quit with q
run "clear; $HISTOP --no-record -d 0.5; echo EXIT=\$?; stty -a > $work/after.q"
wait_for 'PID USER' 10
ok $? "histop draws its table"
T send-keys q
wait_for 'EXIT=0' 10
ok $? "q exits 0"
wait_for 'PROMPT>' 5
ok $? "shell prompt back after q"
same_stty "$work/after.q"
ok $? "stty -a after q equals stty -a before"

# terminating signals restore the terminal; status 128+signal
for sig in TERM:143 INT:130 HUP:129; do
	name=${sig%%:*} want=${sig##*:}
	rm -f "$work/pid"
	run "clear; sh -c 'echo \$\$ > $work/pid; exec $HISTOP --no-record -d 0.5'; echo $name-EXIT=\$?; stty -a > $work/after.$name"
	wait_for 'PID USER' 10
	kill -"$name" "$(cat "$work/pid")"
	wait_for "$name-EXIT=$want" 10
	ok $? "SIG$name: exit status $want"
	same_stty "$work/after.$name"
	ok $? "SIG$name: terminal restored (stty -a unchanged)"
done

# ^Z stops with the terminal restored; fg redraws
run "clear; $HISTOP --no-record -d 0.5"
wait_for 'PID USER' 10
T send-keys C-z
wait_for 'Stopped' 10
ok $? "^Z stops histop"
run "stty -a > $work/stopped"
same_stty "$work/stopped"
ok $? "terminal sane while stopped"
run "clear; fg"
wait_for 'PID USER' 10
ok $? "fg: full redraw"
T send-keys q
wait_for 'PROMPT>' 10
run "clear; echo TSTP-EXIT=\$?"
wait_for 'TSTP-EXIT=0' 10
ok $? "quits after resume, exit 0"

# unusable terminals: a clear message, exit 1, no crash
run "clear; TERM=no-such-term-xyz $HISTOP --no-record; echo T1-EXIT=\$?"
wait_for 'T1-EXIT=[0-9]' 10
screen | grep -q "unknown terminal type 'no-such-term-xyz'"
ok $? "unknown TERM: message names it"
screen | grep -q 'T1-EXIT=1'
ok $? "unknown TERM: exit 1"
run "clear; env -u TERM $HISTOP --no-record; echo T2-EXIT=\$?"
wait_for 'T2-EXIT=[0-9]' 10
screen | grep -q 'unknown terminal type (TERM is not set)'
ok $? "TERM unset: message"
screen | grep -q 'T2-EXIT=1'
ok $? "TERM unset: exit 1"
run "clear; TERM=dumb $HISTOP --no-record; echo T3-EXIT=\$?"
wait_for 'T3-EXIT=[0-9]' 10
screen | grep -q 'cannot move the cursor'
ok $? "TERM=dumb: explained"
screen | grep -q 'T3-EXIT=1'
ok $? "TERM=dumb: exit 1"
new_server

# resize storm, then tiny sizes, then back
start 120 40 "exec $HISTOP --no-record -d 0.5"
wait_for 'PID USER' 10
pid=$(app_pid)
i=0
while [ $i -lt 200 ]; do
	T resize-window -x $(( (i * 37) % 300 + 1 )) -y $(( (i * 53) % 100 + 1 ))
	i=$((i + 1))
done
T resize-window -x 100 -y 30
wait_for 'PID USER' 10
ok $? "after 200 resizes the table is back"
alive
ok $? "alive after the resize storm"
wide=$(screen | while IFS= read -r l; do
	[ "$(printf '%s' "$l" | wc -m)" -gt 100 ] && echo x
done | wc -l)
is "$wide" 0 "final capture fits 100 columns"
t0=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
sleep 2
t1=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
[ $((t1 - t0)) -lt 100 ]
ok $? "CPU not pegged after the storm ($((t1 - t0)) ticks in 2 s)"

T resize-window -x 10 -y 3
wait_for 'terminal' 5
ok $? "10x3: 'terminal too small'"
T resize-window -x 1 -y 1
sleep 0.5
alive
ok $? "1x1: alive"
T resize-window -x 2 -y 1
sleep 0.3
T send-keys P M t
sleep 0.3
alive
ok $? "2x1 with keys: alive"
T resize-window -x 100 -y 30
wait_for 'PID USER' 5
ok $? "growing back restores the full layout"
T send-keys t
sleep 0.2
T send-keys q
st=$(exit_status)
is "$st" 0 "q exits 0 after all that"
[ "$st" = "still running" ] && screen | sed 's/^/# /'
done_testing
