# fault_shm.sh: a <db>-shm (SQLite's WAL index, mapped into memory) the
# recorder cannot write, through the real recorder and the live UI: made
# immutable (chattr +i), empty or left by a recorder killed with -9 (its
# samples still in the -wal); owned by another user, mode 0400; on a
# full tmpfs. Each: exit 1 with one line naming the -shm, no signal
# death, the database unchanged; once the fault is gone, every sample
# recorded before it is there. The live UI says "not recording" naming
# the -shm and keeps running; on a disk that fills mid-run it says
# recording is paused, keeps running, and records again afterwards.
# test_fault_shm covers the -shm failing to grow mid-run. Needs root for
# chattr, chown, mount (CI is root).
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/db/fault_lib.sh"

command -v sqlite3 >/dev/null || skip_all "no sqlite3 CLI"

# refused DB NAME PATTERN: the recorder refuses DB: exit 1 (not a signal),
# one line naming DB-shm and matching PATTERN, DB unchanged.
refused() {
	sum=$(fl_sum "$1")
	"$HISTOP" record --db "$1" --interval 0.1 --count 2 2>"$T/err"
	rc=$?
	is "$rc" 1 "$2: exit 1 (not killed by a signal)"
	is "$(wc -l < "$T/err" | tr -d ' ')" 1 "$2: one line on stderr"
	grep -q -- "$1-shm: .*$3" "$T/err"
	ok $? "$2: it names the -shm and says '$3'"
	sed 's/^/# /' "$T/err"
	is "$(fl_sum "$1")" "$sum" "$2: database unchanged"
}

DB=$T/h/history.db
"$HISTOP" record --db "$DB" --interval 0.1 --count 3 2>"$T/err"
is "$?" 0 "a database recorded"

# ---- immutable -shm ------------------------------------------------------
: > "$DB-shm"
if chattr +i "$DB-shm" 2>/dev/null; then
	refused "$DB" "immutable empty -shm" "Operation not permitted"
	chattr -i "$DB-shm"
	rm -f "$DB-shm"

	# A recorder killed with -9 leaves its last samples in the -wal and
	# a populated -shm; then the -shm becomes immutable.
	fl_bg "$HISTOP" record --db "$DB" --interval 0.1 2>"$T/err"
	fl_wait_samples "$DB" 8 20000
	kill -9 "$fl_last"
	wait "$fl_last" 2>/dev/null
	n=$(fl_q "$DB" "SELECT count(*) FROM sample")
	ok $([ -s "$DB-wal" ] && [ -s "$DB-shm" ]; echo $?) \
	    "kill -9 left a -wal and a -shm ($n samples)"
	chattr +i "$DB-shm"
	refused "$DB" "immutable -shm after kill -9" "Operation not permitted"
	chattr -i "$DB-shm"
	"$HISTOP" record --db "$DB" --interval 0.1 --count 2 2>"$T/err"
	is "$?" 0 "attribute removed: the recorder starts"
	is "$(fl_q "$DB" "SELECT count(*) FROM sample")" $((n + 2)) \
	    "every sample from before the fault is there, and 2 more"
	fl_check_whole "$DB" "database whole"
else
	rm -f "$DB-shm"
	for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
		skip "chattr +i not supported here (not root, or filesystem)"
	done
fi

# ---- another user's -shm, mode 0400 --------------------------------------
: > "$DB-shm"
chmod 400 "$DB-shm"
if chown 65534 "$DB-shm" 2>/dev/null; then
	refused "$DB" "another user's -shm" "owned by uid 65534"
	rm -f "$DB-shm"
else
	rm -f "$DB-shm"
	for i in 1 2 3 4; do skip "chown not permitted (not root)"; done
fi
# The recorder not root: its own -shm made read-only is refused too.
if fl_can_nobody; then
	mkdir "$T/u"
	cp "$DB" "$T/u/history.db"
	: > "$T/u/history.db-shm"
	chmod 400 "$T/u/history.db-shm"
	chown -R 65534:65534 "$T/u"
	chmod 755 "$T"
	sum=$(fl_sum "$T/u/history.db")
	fl_nobody "$HISTOP" record \
	    --db "$T/u/history.db" --count 1 2>"$T/err"
	is "$?" 1 "mode 0400 -shm, recorder not root: exit 1"
	grep -q "history.db-shm: cannot write it: Permission denied" "$T/err"
	ok $? "mode 0400 -shm, recorder not root: names it, says why"
	sed 's/^/# /' "$T/err"
	is "$(fl_sum "$T/u/history.db")" "$sum" "mode 0400 -shm: database unchanged"
	chmod 700 "$T"
else
	for i in 1 2 3; do skip "needs root and setpriv"; done
fi

# ---- full tmpfs: no room to create the -shm ---------------------------------
mkdir "$T/full"
# room for the database whatever the machine runs (it holds every process)
if fl_mount -t tmpfs -o size=8m histop-shm "$T/full"; then
	cp "$DB" "$T/full/history.db"
	dd if=/dev/zero of="$T/full/filler" bs=4k 2>/dev/null
	refused "$T/full/history.db" "full disk at open" "disk or quota full"
	rm -f "$T/full/filler"
	"$HISTOP" record --db "$T/full/history.db" --interval 0.1 --count 2 \
	    2>"$T/err"
	is "$?" 0 "space returns: the recorder starts"
	is "$(fl_q "$T/full/history.db" "SELECT count(*) FROM sample")" \
	    "$(($(fl_q "$DB" "SELECT count(*) FROM sample") + 2))" \
	    "nothing lost, 2 samples more"
else
	for i in 1 2 3 4 5 6; do skip "mounting a tmpfs not permitted"; done
fi

# ---- the live UI: not recording, still running ----------------------------
# screen_has PATTERN: poll the tmux pane on $sock up to 15 s.
screen_has() {
	i=0
	while [ $i -lt 150 ]; do
		tmux -L "$sock" capture-pane -p | grep -q -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
if command -v tmux >/dev/null && chattr +i "$DB" 2>/dev/null &&
    chattr -i "$DB"; then
	: > "$DB-shm"
	chattr +i "$DB-shm"
	sum=$(fl_sum "$DB")
	sock="histop-shm-${T##*.}"
	tmux -L "$sock" -f /dev/null new-session -d -x 120 -y 30 \
	    "XDG_CONFIG_HOME=$T/cfg XDG_STATE_HOME=$T/st $HISTOP --db $DB -d 0.5; sleep 30"
	screen_has "not recording"
	tmux -L "$sock" capture-pane -p | grep "not recording" | sed 's/^/# /'
	tmux -L "$sock" capture-pane -p | grep -q "not recording.*-shm"
	ok $? "live UI: says not recording, naming the -shm"
	screen_has "PID"
	ok $? "live UI: still running, showing processes"
	tmux -L "$sock" send-keys q
	sleep 0.5
	tmux -L "$sock" kill-server 2>/dev/null
	is "$(fl_sum "$DB")" "$sum" "live UI: database unchanged"
	chattr -i "$DB-shm"
	rm -f "$DB-shm"
else
	for i in 1 2 3; do skip "needs tmux and chattr"; done
fi

# The live UI recording to a disk that fills mid-run (a filler file takes
# the rest of a tmpfs): its status line says recording is paused, it
# keeps running, and records again once the filler is removed.
mkdir "$T/uifull"
if command -v tmux >/dev/null &&
    fl_mount -t tmpfs -o size=4m histop-uifull "$T/uifull"; then
	sock="histop-shmfull-${T##*.}"
	U=$T/uifull/history.db
	tmux -L "$sock" -f /dev/null new-session -d -x 150 -y 30 \
	    "XDG_CONFIG_HOME=$T/cfg XDG_STATE_HOME=$T/st $HISTOP --db $U -d 0.2; sleep 30"
	fl_wait_samples "$U" 3 20000
	dd if=/dev/zero of="$T/uifull/filler" bs=4k 2>/dev/null
	screen_has "recording paused"
	ok $? "live UI, disk full mid-run: says recording is paused"
	tmux -L "$sock" capture-pane -p | grep "recording paused" |
	    cut -c1-150 | sed 's/^/# /'
	screen_has "PID"
	ok $? "live UI, disk full mid-run: still running"
	n=$(fl_q "$U" "SELECT count(*) FROM sample")
	rm -f "$T/uifull/filler"
	fl_wait_samples "$U" $((n + 3)) 20000
	ok $? "live UI: records again once space returns ($n samples before)"
	tmux -L "$sock" send-keys q
	sleep 0.5
	tmux -L "$sock" kill-server 2>/dev/null
	fl_check_whole "$U" "live UI: database whole after the episode"
else
	for i in 1 2 3 4; do skip "needs tmux and a tmpfs mount"; done
fi
done_testing
