# fault_writers.sh: one writer per database. A second recorder exits 1
# naming the first's pid and the first goes on untouched; a lock left by a
# recorder killed with -9, or a lock file holding a dead pid, never stops
# the next recorder.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/db/fault_lib.sh"

command -v sqlite3 >/dev/null || skip_all "no sqlite3 CLI"

DB=$T/history.db
fl_bg "$HISTOP" record --db "$DB" --interval 0.1 2>"$T/first.err"
first=$fl_last
fl_wait_samples "$DB" 2 20000
ok $? "first recorder is writing"

t0=$(fl_now_ms)
"$HISTOP" record --db "$DB" --interval 0.1 --count 5 2>"$T/second.err"
rc=$?
el=$(($(fl_now_ms) - t0))
is "$rc" 1 "second recorder exits 1"
ok $([ "$el" -lt 3000 ]; echo $?) "at once, without recording (${el} ms)"
grep -q "already recording (pid $first)" "$T/second.err"
ok $? "its message names the first recorder's pid"
cat "$T/second.err" | sed 's/^/# /'
is "$(wc -l < "$T/second.err" | tr -d ' ')" 1 "in one line"

# The first is unaffected: alive, still appending, whole.
n1=$(fl_q "$DB" "SELECT count(*) FROM sample")
fl_wait_samples "$DB" $((n1 + 3)) 20000
ok $? "first recorder still appends after the attempt"
kill -0 "$first" 2>/dev/null
ok $? "first recorder alive"
is "$(cat "$T/first.err")" "" "first recorder said nothing"

# kill -9: the flock goes with the process; the pid text stays behind.
kill -9 "$first"
wait "$first" 2>/dev/null
is "$(cat "$DB.lock")" "$first" "lock file still names the killed recorder"
t0=$(fl_now_ms)
"$HISTOP" record --db "$DB" --interval 0.1 --count 2 2>"$T/third.err"
is "$?" 0 "next recorder after kill -9 runs and exits 0"
el=$(($(fl_now_ms) - t0))
ok $([ "$el" -lt 5000 ]; echo $?) "without waiting for the stale lock (${el} ms)"
is "$(cat "$T/third.err")" "" "and without a complaint"

# A pid-file style lock naming a live process that does not hold the
# flock (our own shell) is not a lock.
echo $$ > "$DB.lock"
"$HISTOP" record --db "$DB" --interval 0.1 --count 1 2>"$T/fourth.err"
is "$?" 0 "a lock file naming a live pid without the flock does not block"

# Two recorders started at the same moment: exactly one records.
DB2=$T/race.db
fl_bg "$HISTOP" record --db "$DB2" --interval 0.1 --count 3 2>"$T/r1.err"
a=$fl_last
fl_bg "$HISTOP" record --db "$DB2" --interval 0.1 --count 3 2>"$T/r2.err"
b=$fl_last
wait "$a"; ra=$?
wait "$b"; rb=$?
is "$(echo "$ra $rb" | tr ' ' '\n' | sort | tr '\n' ' ')" "0 1 " \
    "two recorders started together: one exits 0, the other 1"
is "$(fl_q "$DB2" "SELECT count(*) FROM sample")" 3 \
    "only the winner's 3 samples are stored"
cat "$T/r1.err" "$T/r2.err" | grep -qE "already recording \(pid ($a|$b)\)"
ok $? "the loser names a pid"
fl_check_whole "$DB" "database whole"
fl_check_whole "$DB2" "raced database whole"
done_testing
