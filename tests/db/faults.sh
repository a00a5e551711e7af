# faults.sh: what tests/db/fault_*.sh leave out: readers (export, db
# info) refusing foreign files and browsing while the recorder writes at
# 10 Hz, a database SQLite can only open read-only (as nobody), a recorder
# killed while it creates its database, and bad arguments.
. "$top_srcdir/tests/tap.sh"

command -v sqlite3 >/dev/null || skip_all "sqlite3 CLI not installed"
d=$(mktemp -d /tmp/histop-faults-XXXXXX)
pids=
cleanup() {
	for p in $pids; do kill -9 "$p" 2>/dev/null; done
	mountpoint -q "$d/small" 2>/dev/null && umount "$d/small"
	rm -rf "$d"
}
trap cleanup EXIT
[ -n "$KEEP" ] && trap - EXIT
sum() { sha256sum "$1" | cut -d' ' -f1; }
# wait_for SECONDS COMMAND...: poll until COMMAND succeeds.
wait_for() {
	t=$(($1 * 20)); shift
	while [ $t -gt 0 ]; do "$@" && return 0; sleep 0.05; t=$((t - 1)); done
	return 1
}
# -readonly: polling must not create the file before the recorder does
samples() { sqlite3 -readonly "$1" "SELECT count(*) FROM sample" 2>/dev/null || echo 0; }
has_samples() { [ "$(samples "$1")" -ge "$2" ]; }
record() { "$HISTOP" record "$@"; }

# ---- files that are not ours: readers refuse them too ----------------------
sqlite3 "$d/other.db" "PRAGMA application_id = 1234; CREATE TABLE t(x);"
s0=$(sum "$d/other.db")
"$HISTOP" export --db "$d/other.db" > /dev/null 2> "$d/err"
is "$?" 1 "export refuses another application's SQLite file"
"$HISTOP" db info "$d/other.db" > /dev/null 2>> "$d/err"
is "$?" 1 "db info refuses it"
is "$(sum "$d/other.db")" "$s0" "... left unchanged"
is "$(wc -l < "$d/err")" 2 "one line each"

# ---- read-only database -----------------------------------------------
if command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; then
	mkdir "$d/ro" && record --db "$d/ro/h.db" --count 1
	chown -R 65534:65534 "$d/ro" && chmod 444 "$d/ro/h.db"
	chmod 755 "$d"
	s0=$(sum "$d/ro/h.db")
	setpriv --reuid=65534 --regid=65534 --clear-groups "$HISTOP" record \
	    --db "$d/ro/h.db" --count 1 2> "$d/err"
	is "$?" 1 "read-only database: exit 1"
	grep -q "read-only" "$d/err"; ok $? "read-only: says so"
	grep -qi "attempt to write" "$d/err"; ok $((! $?)) "no raw SQLite message"
	is "$(sum "$d/ro/h.db")" "$s0" "read-only: unchanged"
	# Another user may read it but not write the directory, no recorder
	# runs: the reader still reads (no -shm can be made: immutable).
	chmod 755 "$d/ro"; chmod 644 "$d/ro/h.db"; chown -R 0:0 "$d/ro"
	n=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$HISTOP" export \
	    --db "$d/ro/h.db" --what load --format csv 2> "$d/err" | wc -l)
	is "$n" 2 "a reader without write access to the directory reads"
	[ -s "$d/err" ]; ok $((! $?)) "... without a complaint"
	is "$(sum "$d/ro/h.db")" "$s0" "... and leaves it unchanged"
	chmod 700 "$d"
else
	for i in 1 2 3 4 5 6 7; do
		echo "ok $((tap_n += 1)) # SKIP read-only needs root and setpriv"
	done
fi

# ---- second writer, readers, SIGTERM, pidfile ----------------------------
"$HISTOP" record --db "$d/live.db" --interval 0.1 --pidfile "$d/rec.pid" \
    2> "$d/live.err" &
rec=$!; pids="$pids $rec"
wait_for 10 has_samples "$d/live.db" 2; ok $? "recorder writes"
is "$(cat "$d/rec.pid" 2>/dev/null)" "$rec" "pidfile holds the recorder's pid"
bad=0
for i in $(seq 1 25); do
	"$HISTOP" export --db "$d/live.db" --from -1m --what memory --format csv \
	    > "$d/out" 2>> "$d/rerr" || bad=$((bad + 1))
	"$HISTOP" db info "$d/live.db" > /dev/null 2>> "$d/rerr" || bad=$((bad + 1))
done
is "$bad" 0 "25 exports and infos while recording at 10 Hz all succeed"
grep -qiE "busy|locked" "$d/rerr"; ok $((! $?)) "never busy or locked"
kill -TERM "$rec"; wait "$rec"
is "$?" 0 "recorder stops cleanly after the readers"
[ -s "$d/live.err" ]; ok $((! $?)) "and said nothing"

# Kills during creation and migration: the next start still works.
bad=0
for i in $(seq 1 8); do
	"$HISTOP" record --db "$d/m$i.db" --interval 0.1 2>/dev/null &
	p=$!
	sleep "0.0$i"
	kill -9 "$p"; wait "$p" 2>/dev/null
	record --db "$d/m$i.db" --count 1 2>> "$d/merr" || bad=$((bad + 1))
done
is "$bad" 0 "killed while creating the database: the next recorder starts"

# ---- bad arguments -----------------------------------------------------------------
for a in "--interval 0" "--interval -1" "--interval nan" "--interval 1e9" \
    "--retention 0" "--retention 7x" "--max-size huge" "--bogus"; do
	record --db "$d/args.db" $a > /dev/null 2> "$d/err"
	is "$?" 2 "record $a: exit 2"
done
is "$(wc -l < "$d/err")" 2 "bad option: one message line and the usage"
[ ! -e "$d/args.db" ]; ok $? "bad arguments: nothing created"
done_testing
