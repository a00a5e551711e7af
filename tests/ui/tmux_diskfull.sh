# tmux_diskfull.sh: recording into a full filesystem — the status line
# says recording is paused, the UI carries on, and recording resumes by
# itself once there is space again. Needs root for a small tmpfs.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/ui/tmux_lib.sh"
[ "$(id -u)" -eq 0 ] || skip_all "needs root to mount a small tmpfs"
mkdir -p "$work/full"
mount -t tmpfs -o size=16m tmpfs "$work/full" 2>/dev/null ||
	skip_all "cannot mount tmpfs here"
cleanup_full() { umount "$work/full" 2>/dev/null; cleanup; }
trap cleanup_full EXIT INT TERM

start 120 30 "$HISTOP -d 0.2 --db $work/full/h.db"
wait_for 'PID USER' 10
ok $? "UI up, recording to a 16 MB filesystem"
# fill what is left, so the next samples cannot be written
dd if=/dev/zero of="$work/full/filler" bs=4k 2>/dev/null
wait_for 'recording paused (will retry)' 30
ok $? "status line says recording is paused"
on_screen 'not recording'
ok $? "title says not recording"
screen | grep -q 'PID USER'
ok $? "the UI carries on"
alive
ok $? "histop still running"
rm -f "$work/full/filler"
wait_gone 'recording paused' 30
ok $? "space back: the message goes away"
wait_for ' recording' 10
ok $? "title says recording again"
T send-keys q
is "$(exit_status)" 0 "exits 0"
done_testing
