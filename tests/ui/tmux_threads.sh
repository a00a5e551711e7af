# tmux_threads.sh: H shows a process's userland threads as rows of their
# own (named, nested under it in the tree), and hides them again; the
# choice is saved and taken up by the next start; threads are never
# recorded; in a replay H says it is for the live machine only.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/ui/tmux_lib.sh"
load="$top_builddir/tests/ui/ui_load"

"$load" threads 3 "zt$$" &
pid=$!
helpers="$helpers $pid"
# counted afresh at each try (a substitution in poll's arguments would be
# counted once, possibly before the threads were started)
four_tasks() { [ "$(ls /proc/$pid/task 2>/dev/null | wc -l)" -eq 4 ]; }
poll 10 four_tasks
ok $? "a process with 3 named threads running (pid $pid)"
tids=$(ls /proc/$pid/task | grep -v "^$pid\$")
DB=$work/h.db

start 160 40 "exec $HISTOP -d 0.3 --db $DB -p $pid"
wait_for "^ *$pid .*ui_load threads 3" 10
ok $? "the process shows"
is "$(table_rows | grep -c uiload-t)" 0 "its threads do not, by default"
T send-keys H
wait_count 'uiload-t[123]$' 3 10
ok $? "H: its 3 threads show, each by its own name"
ok "$(for t in $tids; do table_rows | grep -q "^ *$t .*uiload-t" || exit 1
    done; echo $?)" "each thread row carries its thread id"
screen | grep -q 'threads shown'
ok $? "the status line says so"
T send-keys t
wait_for '└─uiload-t3' 10
ok $? "tree view: the threads nested under their process"
T send-keys t H
wait_count 'uiload-t' 0 10
ok $? "H again: hidden"
grep -q '^threads=0$' "$XDG_CONFIG_HOME/histop/histoprc"
ok $? "the choice is saved (threads=0)"
T send-keys H
wait_count 'uiload-t[123]$' 3 10
T send-keys q
is "$(exit_status)" 0 "q quits"
grep -q '^threads=1$' "$XDG_CONFIG_HOME/histop/histoprc"
ok $? "saved as shown (threads=1)"

new_server
start 160 40 "exec $HISTOP -d 0.3 --db $DB -p $pid"
wait_count 'uiload-t[123]$' 3 10
ok $? "the next start shows them at once"
T send-keys q
is "$(exit_status)" 0 "q quits"

if command -v sqlite3 >/dev/null; then
	n=$(sqlite3 -readonly "$DB" "SELECT count(*) FROM process WHERE pid IN
	    ($(echo $tids | tr ' ' ','))")
	is "$n" 0 "no thread was recorded as a process"
	n=$(sqlite3 -readonly "$DB" "SELECT count(*) FROM process WHERE pid = $pid")
	ok "$([ "$n" -ge 1 ]; echo $?)" "the process itself was ($n)"
else
	skip "no sqlite3 CLI"
	skip "no sqlite3 CLI"
fi

new_server
start 160 40 "exec $HISTOP -r $DB"
wait_for 'PID USER' 10
T send-keys H
wait_for 'only on the live machine' 10
ok $? "replay: H is for the live machine only"
T send-keys q
done_testing
