# replay.sh: `histop -r` on generated histories, through a real terminal
# (tmux): --at lands on the right sample, stepping shows and hides the
# process that lives between T1 and T2, the jump prompt takes every TIME
# form and refuses garbage, graphs put the spike in its column, the diff
# view names what changed, and a replay follows a database being written.
# Bad databases: one line, exit 1, file untouched.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/timetravel/tmux.sh"

tt_history
d=$tt_dir

title() { tt_screen | head -1; }

# ---- bad databases, before any terminal -------------------------------
sum() { cksum < "$1"; }
"$HISTOP" -r "$d/missing.db" >"$d/out" 2>"$d/err" </dev/null
is "$?" 1 "missing database: exit 1"
ok "$([ ! -e "$d/missing.db" ]; echo $?)" "missing database: not created"
is "$(wc -l < "$d/err" | tr -d ' ')" 1 "missing database: one line"
grep -q "missing.db" "$d/err"
ok $? "missing database: the message names the file"

printf 'hello, not a database\n' > "$d/foreign.db"
before=$(sum "$d/foreign.db")
"$HISTOP" -r "$d/foreign.db" 2>"$d/err" </dev/null
is "$?" 1 "foreign file: exit 1"
is "$(sum "$d/foreign.db")" "$before" "foreign file: untouched"
grep -q "not a histop database" "$d/err"
ok $? "foreign file: says it is not a histop database"

if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$d/other.db" "CREATE TABLE t(x); INSERT INTO t VALUES(1);"
	before=$(sum "$d/other.db")
	"$HISTOP" -r "$d/other.db" 2>"$d/err" </dev/null
	is "$?" 1 "another application's SQLite file: exit 1"
	is "$(sum "$d/other.db")" "$before" "another application's file: untouched"
fi

cp "$d/h.db" "$d/c1.db"
printf 'GARBAGEGARBAGEGARBAGE' | dd of="$d/c1.db" bs=1 seek=100 \
    conv=notrunc 2>/dev/null
before=$(sum "$d/c1.db")
"$HISTOP" -r "$d/c1.db" 2>"$d/err" </dev/null
is "$?" 1 "corrupt header page: exit 1"
is "$(sum "$d/c1.db")" "$before" "corrupt database: untouched"
is "$(wc -l < "$d/err" | tr -d ' ')" 1 "corrupt database: one line"

cp "$d/h.db" "$d/c2.db"
truncate -s 50000 "$d/c2.db"
before=$(sum "$d/c2.db")
"$HISTOP" -r "$d/c2.db" 2>"$d/err" </dev/null
is "$?" 1 "truncated database: exit 1"
is "$(sum "$d/c2.db")" "$before" "truncated database: untouched"

before=$(sum "$d/h.db")
"$HISTOP" -r "$d/h.db" --at yesterday 2>"$d/err" </dev/null
is "$?" 2 "--at garbage: usage error"
grep -q "yesterday" "$d/err"
ok $? "--at garbage: the message quotes it"

# ---- --at and stepping -------------------------------------------------
tt_start 120 40 "$HISTOP" -r "$d/h.db" --at 2026-11-25T00:00:40 -d 0.2
tt_wait '^histop +PAST +2026-11-25 00:00:40 .*#21/100'
ok $? "--at lands on sample 21 of 100 (T1)"
tt_keys /
tt_keys tt_ Enter
tt_wait 'tt_ephemeral'
ok $? "the process living from T1 is on screen"
tt_keys Left
tt_wait '^histop +PAST +2026-11-25 00:00:38 .*#20/100'
ok $? "Left: one sample back"
tt_wait_not 'tt_ephemeral'
ok $? "before T1 the process is not there"
tt_wait 'tt_leaker'
ok $? "the filter still applies in the past"
tt_keys Right Right
tt_wait '2026-11-25 00:00:42 .*#22/100'
ok $? "Right Right: two samples forward"
tt_wait 'tt_ephemeral'
ok $? "after T1 the process is back"
tt_keys ']'
tt_wait '2026-11-25 00:01:42 .*#52/100'
ok $? "]: one minute forward"
tt_keys '['
tt_wait '2026-11-25 00:00:42 '
ok $? "[: one minute back"
tt_keys '}'
tt_wait '^histop +REPLAY'
ok $? "}: ten minutes past the end is the newest sample"
tt_keys Home
tt_wait '^histop +PAST +2026-11-25 00:00:00 .*#1/100'
ok $? "Home: the oldest sample"
tt_keys Left
tt_wait 'at the oldest sample'
ok $? "Left at the oldest sample says so"
tt_keys End
tt_wait '^histop +REPLAY +2026-11-25 00:03:18'
ok $? "End: the newest sample"
tt_keys '('
tt_wait '^histop +PAST +2026-11-25 00:00:00 .*#1/100'
ok $? "(: an hour back, clamped to the oldest sample"
tt_keys ')'
tt_wait '^histop +REPLAY'
ok $? "): an hour forward, past the end: the newest sample"

# ---- the jump prompt: every TIME form, garbage refused ------------------
jump() {
	tt_keys g
	tt_wait 'go to time' 5 >/dev/null
	tt_type "$1"
	tt_keys Enter
}
jump 2026-11-25T00:01:18
tt_wait '^histop +PAST +2026-11-25 00:01:18 .*#40/100'
ok $? "jump: ISO date and time (sample 40, last of T1..T2)"
tt_wait 'tt_ephemeral'
ok $? "the process is there at T2 - 1"
tt_keys Right
tt_wait '00:01:20 .*#41/100'
ok $? "Right to T2"
tt_wait_not 'tt_ephemeral'
ok $? "at T2 the process is gone"
jump '2026-11-25 00:01:00'
tt_wait '^histop +PAST +2026-11-25 00:01:00 '
ok $? "jump: ISO with a space"
jump 2026-11-25T00:02:03Z
tt_wait '^histop +PAST +2026-11-25 00:02:0[24] '
ok $? "jump: ISO with Z, nearest sample"
jump 2026-11-25T01:00:30+01:00
tt_wait '^histop +PAST +2026-11-25 00:00:30 '
ok $? "jump: ISO with an offset"
jump 2026-11-25T00:00:05.9
tt_wait '^histop +PAST +2026-11-25 00:00:06 '
ok $? "jump: fractional seconds"
jump 2026-11-25
tt_wait '^histop +PAST +2026-11-25 00:00:00 '
ok $? "jump: a date is its midnight"
jump now
tt_wait '^histop +REPLAY'
ok $? "jump: now is the newest sample"
jump 2026-11-24T12:00
tt_wait 'before the oldest sample'
ok $? "jump: before the history says so"
tt_wait '^histop +PAST +2026-11-25 00:00:00 '
ok $? "and shows the oldest sample"
for bad in yesterday 25:99 -5x 2026-13-01 '03:12 junk'; do
	jump "$bad"
	tt_wait 'bad time' 5
	ok $? "jump: '$bad' refused with a message"
	tt_wait '^histop +PAST +2026-11-25 00:00:00 '
	ok $? "jump: '$bad' leaves the time alone"
done

# ---- relative and clock-time forms: a history ending now ----------------
tt_keys q
tt_gone >/dev/null
tt_kill
now=$(date +%s)
"$gen" "$d/now.db" -n 720 -i 10 -p 5 -s $((now - 7190)) -q
tt_start 120 40 "$HISTOP" -r "$d/now.db" -d 0.2
tt_wait '^histop +REPLAY'
for rel in -90m -1h30m -5400s -1.5h; do
	jump "$rel"
	case $rel in
	-1.5h) tt_wait 'bad time' 5
		ok $? "jump: '$rel' refused (whole units only)" ;;
	*) tt_wait '^histop +PAST .* 1h(29|30)m ago'
		ok $? "jump: $rel lands 1h30m back" ;;
	esac
done
jump -1d
tt_wait 'before the oldest sample'
ok $? "jump: -1d, before the history, says so"
jump +5m
tt_wait '^histop +REPLAY'
ok $? "jump: +5m (later than the newest) is the newest sample"
# Clock time today, an hour ago (unless that was yesterday).
hm=$(date -d "@$((now - 3600))" +%H:%M)
if [ "$(date -d "@$((now - 3600))" +%F)" = "$(date -d "@$now" +%F)" ]; then
	jump "$hm"
	# The samples are 10 s apart from now - 7190: the one nearest to
	# $hm:00 is one of the two around it (judged by the time shown, not
	# by "ago", which grows while a loaded machine runs the test).
	t=$(date -d "$(date -d "@$now" +%F) $hm:00" +%s)
	lo=$(( now - 7190 + (t - now + 7190) / 10 * 10 ))
	near="($(date -d "@$lo" +%T)|$(date -d "@$((lo + 10))" +%T))"
	tt_wait "^histop +PAST +$(date -d "@$now" +%F) $near "
	ok $? "jump: clock time $hm (today), the sample nearest"
	jump "$hm:30"
	tt_wait "^histop +PAST +$(date -d "@$now" +%F) $hm:(2[5-9]|3[0-5]) "
	ok $? "jump: clock time with seconds $hm:30"
else
	ok 0 "# SKIP an hour ago was yesterday"
	ok 0 "# SKIP an hour ago was yesterday"
fi
tt_keys q
tt_gone >/dev/null
tt_kill
tt_start 120 40 "$HISTOP" -r "$d/h.db" --at 2026-11-25T00:00:00 -d 0.2
tt_wait '^histop +PAST +2026-11-25 00:00:00 '

# ---- what changed -------------------------------------------------------
jump 2026-11-25T00:00:20
tt_wait '00:00:20 ' && tt_keys m
tt_wait 'marked'
ok $? "m marks the moment"
jump 2026-11-25T00:01:00
tt_wait '^histop +PAST +2026-11-25 00:01:00 .*mark 11-25 00:00:20'
ok $? "the timeline shows the mark"
tt_keys w
tt_wait 'What changed +2026-11-25 00:00:20 -> 2026-11-25 00:01:00'
ok $? "w: what changed between the two moments"
tt_wait 'Appeared \(1\)'
ok $? "one process appeared"
tt_screen | grep -A1 'Appeared (1)' | grep -q 'tt_ephemeral'
ok $? "... tt_ephemeral"
tt_screen | grep -A1 'Grew most in RSS' | grep -q '4000 .*20.0M.*tt_leaker'
ok $? "grew most: tt_leaker by 20 MiB"
tt_screen | grep -A1 'Most CPU time' | grep -q 'tt_ephemeral'
ok $? "most CPU in between: the ephemeral process"
tt_keys Escape
tt_wait '^ +PID '
ok $? "Esc closes the diff view"
tt_keys q
st=$(tt_gone)
is "$st" 0 "q quits with status 0"
[ "$st" = 0 ] || tt_screen | sed 's/^/# /' | head -5
tt_kill
done_testing
