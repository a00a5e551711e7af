# fault_diskfull.sh: the real recorder on a 1 MiB tmpfs. A filler takes
# all but the last 128 KiB, the recorder fills those by itself (its own
# writes get ENOSPC): one clear message per episode (not per sample), no crash, no
# busy loop, sampling goes on; when space returns (the tmpfs grown, then a
# filler file removed in a second episode) it writes again, and the file
# passes integrity_check with only whole samples. Needs mount (CI is root);
# tests/db/test_fault_full covers the same through max_page_count anywhere.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/db/fault_lib.sh"

command -v sqlite3 >/dev/null || skip_all "no sqlite3 CLI"
mkdir "$T/full"
fl_mount -t tmpfs -o size=1m histop-full "$T/full" ||
    skip_all "mounting a tmpfs is not permitted here (not root?); see test_fault_full"

DB=$T/full/history.db
fl_bg "$HISTOP" record --db "$DB" --interval 0.2 2>"$T/err"
pid=$fl_last
# How long the recorder alone takes to fill 1 MiB depends on the host: a
# few KiB a sample where thousands of processes run, a few hundred bytes
# in a near-empty container (minutes at 5 Hz). So once it records, a
# filler leaves it 128 KiB: more than a WAL append of a few samples, far
# less than a checkpoint of them.
fl_wait_samples "$DB" 3 60000
ok $? "the recorder records on the 1 MiB tmpfs"
free_kb=$(df -k --output=avail "$T/full" | tail -1)
[ "$free_kb" -gt 128 ] &&
    dd if=/dev/zero of="$T/full/filler0" bs=1k count=$((free_kb - 128)) 2>/dev/null

# wait_msg PATTERN COUNT MS: stderr holds COUNT lines matching PATTERN.
wait_msg() {
	fl_deadline=$(($(fl_now_ms) + $3))
	while [ "$(grep -c "$1" "$T/err")" -lt "$2" ]; do
		[ "$(fl_now_ms)" -gt "$fl_deadline" ] && return 1
		kill -0 "$pid" 2>/dev/null || return 1
		sleep 0.05
	done
	return 0
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# read(2) calls made so far: each sample reads dozens of /proc files, so
# this grows while it samples, however few processes there are and however
# little CPU time (below one clock tick in 2 s in a small container) that takes
syscr() { sed -n 's/^syscr: //p' "/proc/$1/io" 2>/dev/null; }

wait_msg "disk or quota full" 1 60000
ok $? "the recorder fills the disk and says so"
grep "disk or quota full" "$T/err" | head -1 | sed 's/^/# /'
grep -q "$DB.*disk or quota full" "$T/err"
ok $? "the message names the database and the cause"
n0=$(fl_q "$DB" "SELECT count(*) FROM sample")
c0=$(cpu_ticks "$pid")
r0=$(syscr "$pid")
sleep 2
c1=$(cpu_ticks "$pid")
r1=$(syscr "$pid")
hz=$(getconf CLK_TCK)
kill -0 "$pid" 2>/dev/null
ok $? "still running while the disk is full"
is "$(grep -c "disk or quota full" "$T/err")" 1 "said once, not once per sample (10 samples)"
if [ -n "$r0" ] && [ -n "$r1" ]; then
	ok $([ $((r1 - r0)) -ge 100 ]; echo $?) \
	    "still sampling: $((r1 - r0)) reads in 2 s (/proc/PID/io syscr)"
else
	skip "no /proc/PID/io to see the recorder sample"
fi
ok $([ $((c1 - c0)) -lt "$hz" ]; echo $?) \
    "no busy loop: under half a CPU over 2 s ($((c1 - c0)) ticks of $((2 * hz)))"
# A sample may still fit now and then (SQLite reuses checkpointed WAL
# space): whatever landed must be whole.
fl_check_whole "$DB" "only whole samples while full ($n0 before, $(fl_q "$DB" "SELECT count(*) FROM sample") now)"

# Space returns: the tmpfs grows.
mount -o remount,size=16m "$T/full"
ok $? "space returns (tmpfs grown to 16 MiB)"
fl_wait_samples "$DB" $((n0 + 3)) 20000
ok $? "recording resumes"
wait_msg "writing again" 1 20000
ok $? "and says it writes again"
grep "writing again" "$T/err" | sed 's/^/# /'

# Second episode: a filler file takes the rest; removing it frees space.
dd if=/dev/zero of="$T/full/filler" bs=64k 2>/dev/null
wait_msg "disk or quota full" 2 20000
ok $? "second episode: disk full said again"
n1=$(fl_q "$DB" "SELECT count(*) FROM sample")
sleep 1
is "$(grep -c "disk or quota full" "$T/err")" 2 "once for this episode too"
rm -f "$T/full/filler"
fl_wait_samples "$DB" $((n1 + 3)) 20000
ok $? "recording resumes after the filler is removed"
wait_msg "writing again" 2 20000
ok $? "writing again said for the second episode"

kill -TERM "$pid"
fl_wait_gone "$pid" 5000
is "$fl_rc" 0 "SIGTERM after two episodes: exit 0"
cat "$T/err" | sed "s/^/# /"
is "$(grep -vc "disk or quota full\|writing again" "$T/err")" 0 "no other message"
fl_check_whole "$DB" "database whole after two disk-full episodes"
done_testing
