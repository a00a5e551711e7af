# tmux_slices.sh: input never waits for a sample. The fixture takes each
# sample in slices, as the live source does, and holds sample N unfinished
# until the test creates go.N (HISTOP_FIXTURE_GATE): every key below is
# sent while a sample is provably in progress, so no timing is involved.
# Keys act on the last complete sample (sort, pause, time travel), a
# partial one is never shown, and q quits at once, abandoning it.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/ui/tmux_lib.sh"

gen="$top_builddir/tests/timetravel/gen_history"
[ -x "$gen" ] || skip_all "gen_history not built"
gate="$work/gate"
mkdir "$gate"
# a history before the fixture's samples, to travel back into
"$gen" "$work/h.db" -n 20 -i 2 -p 30 -s 1764129000 -q ||
    { echo "Bail out! gen_history"; exit 1; }

# the time (UTC) the fixture stamps on sample N
hms() {
	t=$(( (1764130000 + 2 * $1) % 86400 ))
	printf '%02d:%02d:%02d' $((t / 3600)) $((t % 3600 / 60)) $((t % 60))
}
# the burner's TIME+ in sample N: the table's mark of which sample it shows
btime() {
	t=$((600 + 4 * $1))
	printf '%d:%02d.00' $((t / 60)) $((t % 60))
}
shows() { screen | grep 'burner --spin' | grep -q " $(btime "$1") "; }
begun() { test -e "$gate/begun.$1"; }
title() { screen | head -1; }

touch "$gate/go.1"
start 200 45 "exec env TZ=UTC HISTOP_FIXTURE_GATE=$gate" \
    "HISTOP_FIXTURE_DB=$work/h.db $top_builddir/tests/ui/ui_fixture 40 0.2"
wait_for "^histop .*$(hms 1)" 10
ok $? "sample 1 shown"
shows 1
ok $? "its table too"
poll 10 begun 2
ok $? "sample 2 begun, held unfinished"

# keys against the last complete sample, while sample 2 is read
T send-keys M
wait_top 'memhog' 5
ok $? "M sorts by memory while sample 2 is unfinished"
title | grep -q "$(hms 1)"
ok $? "the screen still shows sample 1"
rows=$(table_rows | wc -l)
ok "$([ "$rows" -ge 30 ]; echo $?)" \
    "all its rows: never the sample being built ($rows rows)"
T send-keys / b u r n e r Enter
wait_count '.' 1 5
ok $? "the filter narrows the table while sample 2 is unfinished"
table_rows | grep -q 'burner'
ok $? "to the burner"
T send-keys / C-u Enter
wait_gone 'filter:' 5
ok $? "the filter cleared"
is "$(table_rows | wc -l)" "$rows" "every row back"
T send-keys P
wait_top 'burner' 5
ok $? "P: the burner on top"
shows 1
ok $? "still sample 1 in the table"
begun 3
is $? 1 "sample 2 is still in progress"

# pause
T send-keys Space
wait_for '^histop  *PAUSED' 5
ok $? "space pauses while sample 2 is unfinished"
touch "$gate/go.2"
poll 10 begun 3
ok $? "sample 2 completed (sample 3 begun)"
shows 1
ok $? "paused: still sample 1 in the table"
T send-keys Space
wait_for "^histop  *REPLAY  .*$(hms 2)" 5
ok $? "space again: sample 2 shown, while sample 3 is unfinished"
poll 5 shows 2
ok $? "in the table too"

# time travel
T send-keys Left
wait_for '^histop  *PAST .*#20/20' 5
ok $? "Left: into the history while sample 3 is unfinished"
touch "$gate/go.3"
poll 10 begun 4
ok $? "sample 3 completed (sample 4 begun)"
title | grep -E -q '^histop  *PAST .*#20/20'
ok $? "the screen stays in the past"
T send-keys End
wait_for "^histop  *REPLAY  .*$(hms 3)" 5
ok $? "End: back to the newest sample, 3"
poll 5 shows 3
ok $? "in the table too"

# quit
T send-keys q
is "$(exit_status)" 0 "q quits while sample 4 is unfinished"
test -e "$gate/aborted.4"
ok $? "the unfinished sample 4 was abandoned"
test -e "$gate/begun.5"
is $? 1 "and no sample begun after it"

# The first screen waits for the first complete sample (never an empty
# frame), while keys are read: q quits during it.
new_server
rm -f "$gate"/*
start 200 45 "exec env TZ=UTC HISTOP_FIXTURE_GATE=$gate" \
    "$top_builddir/tests/ui/ui_fixture 40 0.2"
poll 10 begun 1
ok $? "sample 1 begun, held unfinished"
sleep 0.3 # slices come every few ms: many passes of the loop
off_screen 'PID USER'
ok $? "nothing drawn before the first sample is complete"
touch "$gate/go.1"
wait_for "^histop .*$(hms 1)" 10
ok $? "the first screen is sample 1"
on_screen '^Swp'
ok $? "whole, with every pane"
done_testing
