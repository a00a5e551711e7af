# fault_fsize.sh: the real recorder under RLIMIT_FSIZE. Past the limit a
# write fails with EFBIG: the recorder is not killed by SIGXFSZ, reports
# the error once, keeps sampling, and writes again once the limit is
# lifted (prlimit on the running process); the file stays whole.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/db/fault_lib.sh"

command -v sqlite3 >/dev/null || skip_all "no sqlite3 CLI"
command -v prlimit >/dev/null || skip_all "no prlimit(1)"

DB=$T/history.db
# The limit is set on the running recorder, just above what it has written
# so far: on a busy host and in a near-empty CI container alike, the next
# WAL append past that offset or the next checkpoint growing the file fails.
# (A fixed limit is never reached where few processes make tiny samples.)
# The hard limit stays unlimited so the soft one can be lifted again.
fl_bg "$HISTOP" record --db "$DB" --interval 0.1 2>"$T/err"
pid=$fl_last
fl_wait_samples "$DB" 3 20000
lim=$(($(stat -c %s "$DB") + 4096))
prlimit --pid "$pid" --fsize=$lim:unlimited

fl_deadline=$(($(fl_now_ms) + 30000))
while [ ! -s "$T/err" ] && kill -0 "$pid" 2>/dev/null &&
    [ "$(fl_now_ms)" -lt "$fl_deadline" ]; do
	sleep 0.05
done
# Near the limit some samples still fit (small ones, or after SQLite
# reuses checkpointed WAL space): give that flapping time to show.
sleep 3
kill -0 "$pid" 2>/dev/null
alive=$?
ok $alive "the recorder survives the file size limit (not killed by SIGXFSZ)"
if [ $alive -ne 0 ]; then
	wait "$pid"
	echo "# exit status $?"
fi
sed 's/^/# /' "$T/err"
grep -q "$DB.*too large" "$T/err"
ok $? "the error is reported, naming the database and the cause"
is "$(grep -c . "$T/err")" 1 "once, not once per sample nor per flap"
n0=$(fl_q "$DB" "SELECT count(*) FROM sample")
ok $([ "${n0:-0}" -ge 0 ]; echo $?) "database readable while the limit holds ($n0 samples)"

if [ $alive -eq 0 ]; then
	prlimit --pid "$pid" --fsize=unlimited
	ok $? "limit lifted on the running recorder"
	fl_wait_samples "$DB" $((n0 + 3)) 20000
	ok $? "recording resumes"
	fl_deadline=$(($(fl_now_ms) + 20000))
	until grep -q "writing again" "$T/err" ||
	    [ "$(fl_now_ms)" -gt "$fl_deadline" ]; do
		sleep 0.1
	done
	grep -q "writing again ([0-9]* samples not recorded)" "$T/err"
	ok $? "it says it writes again, with the samples lost"
	kill -TERM "$pid"
	fl_wait_gone "$pid" 5000
	is "$fl_rc" 0 "SIGTERM: exit 0"
else
	skip "recorder died"
	skip "recorder died"
	skip "recorder died"
	skip "recorder died"
fi
fl_check_whole "$DB" "database whole"
done_testing
