# live.sh: time travel on the live machine, through tmux: Left leaves
# LIVE for the recorded past while sampling and recording go on behind it
# (the sample count keeps growing), End and Esc come back; without a
# database the keys say so instead of failing. Pausing keeps the held
# moment in the title.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/timetravel/tmux.sh"

[ -r /proc/stat ] || skip_all "no /proc"

tt_start 120 40 "$HISTOP" -d 0.2
tt_wait '^histop +LIVE .*recording'
ok $? "live and recording"
# Space holds the screen: the title keeps the time of the held sample
# while sampling goes on behind it, and space again shows the newest.
shown() { tt_screen | head -1 | grep -E -o '[0-9]{2}:[0-9]{2}:[0-9]{2}'; }
tt_keys Space
tt_wait '^histop +PAUSED'
ok $? "space: paused"
t1=$(shown)
sleep 2.2
t2=$(shown)
is "$t2" "$t1" "paused: the title keeps the held sample's time"
tt_keys Space
tt_wait '^histop +LIVE'
t3=$(shown)
ok "$([ -n "$t3" ] && [ "$t3" != "$t1" ]; echo $?)" \
    "space again: live, newer ($t1 -> $t3)"
# Let a few samples reach the database.
tt_wait '^histop +LIVE' >/dev/null
if command -v sqlite3 >/dev/null 2>&1; then
	tt_until yes 30 sh -c '[ "$(sqlite3 "$1" "SELECT count(*) >= 3 FROM sample" \
	    2>/dev/null)" = 1 ] && echo yes' sh "$XDG_STATE_HOME/histop/history.db"
else
	sleep 1.5
fi
tt_keys Left
tt_wait '^histop +PAST .*#[0-9]+/[0-9]+'
ok $? "Left: the recorded past"
count() { tt_screen | head -1 | sed -n 's|.*#[0-9]*/\([0-9]*\).*|\1|p'; }
c1=$(count)
# Right Left redraws the timeline with the current count: until it grows
# (a sample every 0.2 s; a loaded machine may take seconds per sample)
grown() {
	tt_keys Right Left
	sleep 0.3
	c2=$(count)
	[ -n "$c1" ] && [ -n "$c2" ] && [ "$c2" -gt "$c1" ]
}
i=0
while [ $i -lt 100 ] && ! grown; do i=$((i + 1)); done
ok "$([ -n "$c1" ] && [ -n "$c2" ] && [ "$c2" -gt "$c1" ]; echo $?)" \
    "recording goes on while in the past ($c1 -> $c2 samples)"
tt_screen | head -1 | grep -E -q '^histop +PAST'
ok $? "and the screen stays in the past"
tt_keys End
tt_wait '^histop +LIVE'
ok $? "End: live again"
tt_keys Left
tt_wait '^histop +PAST'
tt_keys Escape
tt_wait '^histop +LIVE'
ok $? "Esc: live again"
tt_keys q
is "$(tt_gone)" 0 "q quits"
tt_kill

# No database (recording off, none on disk): history keys explain.
tt_start 120 40 "$HISTOP" -d 0.2 --no-record --db "$tt_dir/none.db"
tt_wait '^histop +LIVE .*not recording'
ok $? "live without recording"
tt_keys Left
tt_wait 'no history'
ok $? "Left without a database: says there is no history"
tt_screen | head -1 | grep -E -q '^histop +LIVE'
ok $? "and stays live"
tt_keys q
is "$(tt_gone)" 0 "q quits"
ok "$([ ! -e "$tt_dir/none.db" ]; echo $?)" "no database was created"
tt_kill
done_testing
