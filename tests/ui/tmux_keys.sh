# tmux_keys.sh: the keys beyond sorting, on synthetic snapshots (exact
# content): panes shown/hidden, numbers, tree, kernel threads, user pick,
# column chooser, invert, moving the sort column, pause, kill refused off
# the live machine; then k on the live machine with confirmation.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/ui/tmux_lib.sh"

start 200 45 "exec $top_builddir/tests/ui/ui_fixture 40 0.3"
wait_for 'PID USER' 10
ok $? "fixture UI up"

on_screen '^CPU \['
ok $? "CPU pane shown"
T send-keys 1
wait_gone '^CPU \[' 5
ok $? "1 hides the CPU pane"
T send-keys 1
wait_for '^CPU \[' 5
ok $? "1 shows it again"
T send-keys '#'
wait_for 'us 30.0 ni 5.0 sy 10.0 wa 4.0 hi 1.0 si 2.0 st 3.0' 5
ok $? "# shows the CPU split as numbers"
wait_for 'buf 1.00G cache 5.00G shr 512M avail 9.00G' 5
ok $? "# shows the memory split as numbers"
T send-keys '#'

T send-keys N
wait_top '^ *1 root' 5
ok $? "N: pid 1 on top"
T send-keys I
wait_top '^ *8888 ' 5
ok $? "I inverts: the highest pid on top"
T send-keys I
T send-keys t
wait_for '├─' 5
ok $? "t: tree view draws branches"
table_rows | sed -n 1p | grep -q '/sbin/init'
ok $? "tree: init is the first row"
# init is selected: "-" folds every other process under it away
T send-keys -- -
wait_for '+/sbin/init' 5
ok $? "-: the folded process is marked +"
is "$(table_rows | grep -c .)" 1 "-: its descendants are hidden"
T send-keys +
wait_for '├─' 5
ok $? "+: they show again"
T send-keys t
on_screen 'kthreadd'
is $? 1 "kernel threads hidden by default"
T send-keys K
wait_for '\[kthreadd\]' 5
ok $? "K shows kernel threads, as [comm]"
T send-keys K

T send-keys u
wait_for '(all users)' 5
ok $? "u lists users"
screen | grep -q '用户'
ok $? "user list shows a wide-character name"
# the list is sorted: (all users), alice, bob, mallory, nobody, root, ...
T send-keys Down Down Enter
wait_for 'user:bob' 5
ok $? "picked bob"
n=$(table_rows | awk '$2 != "bob"' | wc -l)
is "$n" 0 "only bob's processes shown"
T send-keys u Home Enter
wait_gone 'user:bob' 5
ok $? "(all users) clears the choice"

T send-keys C
wait_for 'Columns:' 5
ok $? "C opens the column chooser"
T send-keys Down Space Escape
wait_gone 'Columns:' 5
sed_hdr=$(screen | grep 'PID ' | head -1)
echo "$sed_hdr" | grep -q 'USER'
is $? 1 "USER column hidden"
T send-keys C Down Space Escape
wait_gone 'Columns:' 5
wait_for 'PID USER' 5
ok $? "USER column back"

T send-keys P
wait_top 'burner' 5
ok $? "P sorts by CPU"
T send-keys '>' '>' '>'
wait_top 'memhog' 5
ok $? "> moves the sort right: CPU%, MEM%, RSS, VIRT"
T send-keys '<' '<' '<' '<'
wait_top '^ *1 root' 5
ok $? "< four times: S (state), all alike, so pid order"

# a click on a header sorts by it (X10 mouse report, as TERM=screen has)
click() { # click X Y (0-based screen cell): press, then release
	xy="$(printf "\\$(printf %o $(($1 + 33)))")$(printf "\\$(printf %o $(($2 + 33)))")"
	T send-keys -l "$(printf '\033[M') $xy$(printf '\033[M')#$xy"
}
hdr=$(screen | grep -n 'PID USER' | cut -d: -f1)
x=$(screen | sed -n "${hdr}p" | awk '{ print index($0, " RSS") }')
T send-keys N
wait_top '^ *1 root' 5
click "$x" $((hdr - 1))
wait_top 'memhog' 10
ok $? "click on the RSS header sorts by RSS"
sleep 0.5 # the first click's release is read before the next press
click "$x" $((hdr - 1))
poll 10 eval '! on_top memhog'
ok $? "a second click inverts"

T send-keys Space
wait_for 'PAUSED' 5
ok $? "Space pauses"
T send-keys Space
wait_gone 'PAUSED' 5
ok $? "Space resumes"

T send-keys k
wait_for 'only on the live machine' 5
ok $? "k refused when not live"

T send-keys q
st=$(exit_status)
is "$st" 0 "fixture quits"
if [ "$st" = "still running" ]; then
	pid=$(app_pid)
	{ cat "/proc/$pid/wchan"; echo; cat "/proc/$pid/stack"; ls -l "/proc/$pid/fd"
	  command -v gdb >/dev/null && gdb -batch -ex 'thread apply all bt' -p "$pid"; } 2>&1 | sed 's/^/# /'
fi

# k on the live machine: pick the signal, confirm, the process is gone
new_server
sleep 300 &
victim=$!
helpers="$helpers $victim"
start 160 40 "exec $HISTOP --no-record -d 0.3 -p $victim"
wait_for "^ *$victim " 10
ok $? "victim shown"
T send-keys k
wait_for 'Signal:' 5
ok $? "k opens the signal list"
T send-keys Enter
wait_for "Send SIGTERM to $victim (sleep)? \[y/N\]" 5
ok $? "asks for confirmation naming the process"
T send-keys n
wait_for 'nothing sent' 5
ok $? "anything but y sends nothing"
kill -0 "$victim" 2>/dev/null
ok $? "victim still alive"
T send-keys k Enter y
wait_for "sent SIGTERM to $victim" 5
ok $? "y sends the signal"
poll 5 eval "! kill -0 $victim 2>/dev/null"
ok $? "victim terminated"
T send-keys q
done_testing
