# tmux_fsize.sh: recording past RLIMIT_FSIZE — the kernel's SIGXFSZ must
# not kill the live UI; the write fails, the status line says so and the
# UI carries on (RELIABILITY.md E55).
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/ui/tmux_lib.sh"

# 256 KiB: more than a new database, less than a few dozen samples.
start 120 30 "ulimit -f 256; $HISTOP -d 0.1 --db $work/h.db"
wait_for 'PID USER' 10
ok $? "UI up, recording under a 256 KiB file size limit"
wait_for 'recording paused' 60
ok $? "status line says recording is paused once the limit is hit"
sleep 1
alive
ok $? "histop still running (not killed by SIGXFSZ)"
shown=$(screen | head -1 | grep -o '[0-9][0-9]:[0-9][0-9]:[0-9][0-9]' | head -1)
wait_gone "LIVE  [0-9-]* $shown" 5
ok $? "the screen still refreshes (the time shown moves on)"
T send-keys q
is "$(exit_status)" 0 "exits 0"
done_testing
