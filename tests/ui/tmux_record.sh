# tmux_record.sh: the live UI records each sample to the default history
# database; a second histop on the same database says who records it and
# carries on; a database it cannot open is named on the status line.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/ui/tmux_lib.sh"
db="$XDG_STATE_HOME/histop/history.db"

start 120 30 "exec $HISTOP -d 0.3"
wait_for 'PID USER' 10
ok $? "live UI up"
wait_for ' recording' 5
ok $? "title says recording"
pid1=$(app_pid)
poll 20 test -f "$db"
ok $? "default database created under XDG_STATE_HOME"
is "$(stat -c %a "$db")" 600 "database file is 0600"

window "$HISTOP -d 0.3"
on_1() { T capture-pane -p -t :1 | grep -q -- "$1"; }
poll 20 on_1 "pid $pid1"
on_1 "another histop (pid $pid1) records this database"
ok $? "second histop names the recording pid"
poll 10 on_1 'PID USER'
ok $? "and carries on showing the table"
poll 10 on_1 'not recording'
ok $? "its title says not recording"
nsamples() { sqlite3 "$db" 'select count(*) from sample' 2>/dev/null; }
has_samples() { [ "$(nsamples)" -ge "$1" ] 2>/dev/null; }
command -v sqlite3 >/dev/null 2>&1 && poll 20 has_samples 3
T send-keys -t :1 q
T send-keys -t :0 q
is "$(exit_status 0)" 0 "recording UI exits 0"
if command -v sqlite3 >/dev/null 2>&1; then
	samples=$(nsamples)
	[ "${samples:-0}" -ge 3 ]
	ok $? "samples written while live (${samples:-none})"
fi

# a database that cannot be opened: status line says why, UI carries on
new_server
mkdir -p "$work/ro"
echo "not a database at all" >"$work/ro/foreign.db"
start 120 30 "exec $HISTOP -d 0.3 --db $work/ro/foreign.db"
wait_for 'PID USER' 10
ok $? "UI runs with an unusable database"
wait_for 'not recording:' 5
ok $? "status line says why it is not recording"
is "$(cat "$work/ro/foreign.db")" "not a database at all" "foreign file untouched"
T send-keys q

# a database others may read: recorded to, with a warning naming the mode
new_server
chmod 644 "$db"
start 120 30 "exec $HISTOP -d 0.3"
wait_for 'readable by others (mode 0644)' 10
ok $? "status line warns that others may read the database"
wait_for ' recording' 5
ok $? "and records all the same"
T send-keys q
done_testing
