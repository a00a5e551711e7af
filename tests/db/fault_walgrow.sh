# fault_walgrow.sh: long-lived and back-to-back readers beside the real
# recorder. The sqlite3 CLI holds a read transaction (BEGIN; SELECT ...)
# while the recorder writes at 10 Hz: the WAL grows past its 1 MiB
# limit (nothing can be checkpointed past the reader: expected); once the
# reader lets go, within a few samples the WAL is checkpointed and cut
# back to the limit. Then two sqlite3 shells in staggered 150 ms read
# transactions, so that one is always reading: the WAL, past 4 MiB, is
# cut back while they go on. Before, between and after, histop export and
# histop db info never fail nor report SQLITE_BUSY; every sample is
# there, whole. test_fault_walread does the same for histop's own reader.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/db/fault_lib.sh"

command -v sqlite3 >/dev/null || skip_all "no sqlite3 CLI"
DB=$T/history.db
LIMIT=1048576
wal() { stat -c %s "$DB-wal" 2>/dev/null || echo 0; }

fl_bg "$HISTOP" record --db "$DB" --interval 0.1 2>"$T/err"
rec=$fl_last
fl_wait_samples "$DB" 5 20000
ok $? "recorder writing"

# readers: export and db info, N times each; failures counted.
bad=0
readers() {
	for i in $(seq 1 "$1"); do
		"$HISTOP" export --db "$DB" --from -1m --what memory \
		    --format csv > "$T/out" 2>>"$T/rerr" || bad=$((bad + 1))
		"$HISTOP" db info "$DB" > /dev/null 2>>"$T/rerr" ||
		    bad=$((bad + 1))
	done
}

# The CLI reader: a read transaction held until the fifo says go.
mkfifo "$T/go"
(
	echo "BEGIN;"
	echo "SELECT 'held', count(*) FROM sample;"
	read x < "$T/go"
	echo "COMMIT;"
	echo "SELECT 'released';"
) | sqlite3 -batch "$DB" > "$T/cli" 2>&1 &
cli=$!
fl_pids="$fl_pids $cli"
i=0
while ! grep -q held "$T/cli" && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
n0=$(fl_q "$DB" "SELECT count(*) FROM sample")
w0=$(wal)
readers 5
# Until the WAL is past the limit (about 5 s here: samples of a few dozen
# KiB at 10 Hz; longer on a loaded machine or with smaller samples), 60 s
# at most.
t_end=$(($(fl_now_ms) + 60000))
while [ "$(wal)" -le "$LIMIT" ] && [ "$(fl_now_ms)" -lt "$t_end" ]; do
	sleep 0.1
done
w1=$(wal)
n1=$(fl_q "$DB" "SELECT count(*) FROM sample")
echo "# WAL $w0 bytes when the reader began; $w1 after $((n1 - n0)) samples held"
ok $([ "$w1" -gt "$LIMIT" ]; echo $?) \
    "the WAL grows past its limit while the reader holds it ($w1 bytes)"

echo go > "$T/go"
wait "$cli"
grep -q released "$T/cli"
ok $? "the reader let go"
n2=$(fl_q "$DB" "SELECT count(*) FROM sample")
# Within a few samples (one autocheckpoint: at most 256 frames written
# after the release), the WAL is back under the limit.
fl_wait_samples "$DB" $((n2 + 15)) 20000
w2=$(wal)
echo "# WAL $w2 bytes 15 samples after the release"
ok $([ "$w2" -le $((LIMIT + 256 * 4120)) ]; echo $?) \
    "checkpointed and cut back within 15 samples ($w2 <= 1 MiB + 256 frames)"

# Short readers that follow each other closely: two sqlite3 shells, each
# in 150 ms read transactions back to back, staggered, so that one is
# always reading (as exports and scripts do on a busy machine). None
# holds on long, yet together they never let the WAL be reset: it must
# be cut back anyway.
short_reader() {
	sleep "$1"
	i=0
	while [ $i -lt 200 ] && [ ! -e "$T/stop" ]; do
		echo "BEGIN; SELECT count(*) FROM sample;"
		sleep 0.15
		echo "COMMIT;"
		i=$((i + 1))
	done | sqlite3 -batch "$DB" > /dev/null 2>>"$T/rerr"
}
short_reader 0 &
r1=$!
short_reader 0.075 &
r2=$!
fl_pids="$fl_pids $r1 $r2"
# Until the WAL, having grown past 4 MiB, is cut back; or grows to 8 MiB;
# or 80 samples pass after it crossed 4 MiB (the writer's tries back off
# to one every 64 samples); 60 s at most.
wmax=0
cut=
crossed=
t_end=$(($(fl_now_ms) + 60000))
while [ "$(fl_now_ms)" -lt "$t_end" ]; do
	sleep 0.1
	w=$(wal)
	[ "$w" -gt "$wmax" ] && wmax=$w
	if [ "$wmax" -gt $((4 * LIMIT)) ]; then
		[ -z "$crossed" ] &&
		    crossed=$(fl_q "$DB" "SELECT count(*) FROM sample")
		if [ "$w" -lt $((wmax / 2)) ]; then
			cut=$w
			break
		fi
		[ "$(fl_q "$DB" "SELECT count(*) FROM sample")" -gt \
		    $((crossed + 80)) ] && break
	fi
	[ "$w" -gt $((8 * LIMIT)) ] && break
done
touch "$T/stop"
wait "$r1" "$r2"
n3=$(fl_q "$DB" "SELECT count(*) FROM sample")
echo "# overlapping readers for $((n3 - n2)) samples: the WAL grew to $wmax bytes; cut back to: ${cut:-never}"
if [ -z "$cut" ] && [ "$wmax" -le $((4 * LIMIT)) ]; then
	# A loaded machine wrote too few samples, or left the readers gaps
	# in which the WAL was reset as usual: nothing to judge.
	skip "the WAL never reached 4 MiB in 60 s here ($((n3 - n2)) samples)"
else
	ok $([ -n "$cut" ]; echo $?) \
	    "overlapping short readers: the WAL is cut back while they go on"
fi
readers 5
fl_wait_samples "$DB" $((n3 + 15)) 20000
w3=$(wal)
ok $([ "$w3" -le $((4 * LIMIT + 256 * 4120)) ]; echo $?) \
    "and is bounded after them ($w3 bytes 15 samples after)"

kill -TERM "$rec"
fl_wait_gone "$rec" 5000
is "$fl_rc" 0 "recorder stops cleanly"
is "$(cat "$T/err")" "" "the recorder said nothing"
is "$bad" 0 "every export and db info during and after the readers succeeded"
grep -qiE "busy|locked" "$T/rerr"
ok $((! $?)) "none reports busy or locked"
sed 's/^/# /' "$T/rerr" | head -5
is "$(wal)" 0 "WAL truncated to nothing at the recorder's exit"
is "$(fl_q "$DB" "SELECT max(seq) - count(*) FROM sample")" 0 \
    "every sample is there (no gap)"
fl_check_whole "$DB" "database whole"
done_testing
