# fault_paths.sh: RELIABILITY H.77, E.43 and H.75 through the real
# recorder. A symlink, a hard link or a FIFO planted at the --pidfile path:
# refused with exit 1 and one line, the target unchanged, no database
# created (a root recorder used to write its pid into the link's target).
# A database in a directory the recorder may not write (no -wal can be
# created there): exit 1 naming the file and the directory, never SQLite's
# "attempt to write a readonly database". SIGHUP: the recorder goes on,
# no sample lost.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/db/fault_lib.sh"

command -v sqlite3 >/dev/null || skip_all "no sqlite3 CLI"

# pidfile PATH NAME: the recorder refuses the pidfile PATH.
pidfile() {
	"$HISTOP" record --db "$T/p/$2.db" --interval 0.1 --count 1 \
	    --pidfile "$1" 2>"$T/err" &
	pid=$!
	fl_wait_gone "$pid" 5000
	is "$fl_rc" 1 "pidfile $2: exit 1, no hang"
	is "$(grep -c . "$T/err")" 1 "pidfile $2: one line"
	grep -q "$1: .*refusing to use it" "$T/err"
	ok $? "pidfile $2: the message names it and refuses it"
	sed 's/^/# /' "$T/err"
	ok $([ ! -e "$T/p/$2.db" ]; echo $?) "pidfile $2: no database created"
}

mkdir "$T/p"
echo precious > "$T/p/victim"
ln -s "$T/p/victim" "$T/p/link.pid"
pidfile "$T/p/link.pid" symlink
is "$(cat "$T/p/victim")" precious "pidfile symlink: its target unchanged"
ok $([ -L "$T/p/link.pid" ]; echo $?) "pidfile symlink: the link left alone"
ln -s "$T/p/absent" "$T/p/dangling.pid"
pidfile "$T/p/dangling.pid" dangling
ok $([ ! -e "$T/p/absent" ]; echo $?) "pidfile dangling symlink: target not created"
echo precious > "$T/p/victim2"
ln "$T/p/victim2" "$T/p/hard.pid"
pidfile "$T/p/hard.pid" hardlink
is "$(cat "$T/p/victim2")" precious "pidfile hard link: the file unchanged"
mkfifo "$T/p/fifo.pid"
pidfile "$T/p/fifo.pid" fifo

# A good pidfile still works: pid in it, a second recorder names it,
# removed at exit.
fl_bg "$HISTOP" record --db "$T/p/good.db" --interval 0.1 --pidfile "$T/p/good.pid" \
    2>"$T/err"
rec=$fl_last
fl_wait_samples "$T/p/good.db" 2 20000
is "$(cat "$T/p/good.pid")" "$rec" "a fresh pidfile holds the recorder's pid"
is "$(stat -c %a "$T/p/good.pid")" 600 "created 0600"
"$HISTOP" record --db "$T/p/other.db" --count 1 --pidfile "$T/p/good.pid" \
    2>"$T/err2"
is "$?" 1 "a second recorder on the same pidfile: exit 1"
grep -q "already running (pid $rec)" "$T/err2"
ok $? "it names the first recorder's pid"

# SIGHUP: nothing lost, recording goes on.
n0=$(fl_q "$T/p/good.db" "SELECT count(*) FROM sample")
for i in 1 2 3 4 5; do
	kill -HUP "$rec"
	sleep 0.15
done
fl_wait_samples "$T/p/good.db" $((n0 + 5)) 20000
ok $? "after 5 SIGHUPs the recorder still records"
kill -TERM "$rec"
fl_wait_gone "$rec" 5000
is "$fl_rc" 0 "and stops cleanly on SIGTERM"
is "$(cat "$T/err")" "" "saying nothing"
is "$(fl_q "$T/p/good.db" "SELECT max(seq) - count(*) FROM sample")" 0 \
    "no sample lost (seq gapless)"
ok $([ ! -e "$T/p/good.pid" ]; echo $?) "pidfile removed at exit"

# A database in a directory the recorder may not write.
if fl_can_nobody; then
	mkdir "$T/nd"
	"$HISTOP" record --db "$T/nd/h.db" --count 1 2>/dev/null
	chown 65534 "$T/nd/h.db" "$T/nd/h.db.lock"
	chmod 755 "$T" "$T/nd"
	sum=$(fl_sum "$T/nd/h.db")
	fl_nobody "$HISTOP" record \
	    --db "$T/nd/h.db" --count 1 2>"$T/err"
	is "$?" 1 "directory not writable: exit 1"
	grep -q "$T/nd/h.db-wal: cannot create it: Permission denied (directory $T/nd)" "$T/err"
	ok $? "directory not writable: names the -wal, the cause and the directory"
	grep -qi "attempt to write" "$T/err"
	ok $((! $?)) "directory not writable: no raw SQLite message"
	sed 's/^/# /' "$T/err"
	is "$(fl_sum "$T/nd/h.db")" "$sum" "directory not writable: database unchanged"
	chmod 700 "$T"
else
	for i in 1 2 3 4; do skip "needs root and setpriv"; done
fi
done_testing
