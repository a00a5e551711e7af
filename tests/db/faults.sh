# faults.sh: the recorder against the faults of RELIABILITY.md E and H,
# for real: foreign files and other applications' SQLite files left
# byte-for-byte unchanged, a newer schema, a planted symlink, a second
# writer, SIGTERM, a pidfile, readers while it writes, kill -9 at random
# moments (integrity and whole samples only), a full disk, a read-only
# file, missing directories and umask 000.
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
samples() { sqlite3 "$1" "SELECT count(*) FROM sample" 2>/dev/null || echo 0; }
has_samples() { [ "$(samples "$1")" -ge "$2" ]; }
record() { "$HISTOP" record "$@"; }

# ---- files that are not ours -------------------------------------------
printf 'hello\nworld\n' > "$d/text.db"
s0=$(sum "$d/text.db")
record --db "$d/text.db" --count 1 2> "$d/err"
is "$?" 1 "foreign text file: exit 1"
grep -q "not a histop database" "$d/err"; ok $? "foreign text file: says so"
is "$(sum "$d/text.db")" "$s0" "foreign text file: unchanged"
ok "$(ls "$d" | grep -c 'text.db[.-]')" "foreign text file: nothing created beside it"

sqlite3 "$d/other.db" "PRAGMA application_id = 1234; CREATE TABLE t(x); INSERT INTO t VALUES ('precious');"
s0=$(sum "$d/other.db")
record --db "$d/other.db" --count 1 2> "$d/err"
is "$?" 1 "another application's SQLite file: exit 1"
grep -q "not a histop database (application id" "$d/err"; ok $? "... names the application id"
is "$(sum "$d/other.db")" "$s0" "... left unchanged"
sqlite3 "$d/plain.db" "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
s0=$(sum "$d/plain.db")
record --db "$d/plain.db" --count 1 2>/dev/null
is "$?" 1 "an SQLite file without application id: refused"
is "$(sum "$d/plain.db")" "$s0" "... unchanged"
"$HISTOP" export --db "$d/other.db" > /dev/null 2> "$d/err"
is "$?" 1 "export refuses it too"

# ---- newer schema --------------------------------------------------------
record --db "$d/new.db" --count 1 || echo "# record failed"
sqlite3 "$d/new.db" "PRAGMA user_version = 99" >/dev/null
s0=$(sum "$d/new.db")
record --db "$d/new.db" --count 1 2> "$d/err"
is "$?" 1 "newer schema: exit 1"
grep -q "schema version 99 is newer than this histop understands (2)" "$d/err"
ok $? "newer schema: names both versions"
is "$(sum "$d/new.db")" "$s0" "newer schema: unchanged"
"$HISTOP" db info "$d/new.db" > /dev/null 2>&1
is "$?" 1 "db info refuses a newer schema"

# ---- symlink planted at the path ---------------------------------------
record --db "$d/target.db" --count 1 || echo "# record failed"
s0=$(sum "$d/target.db")
ln -s "$d/target.db" "$d/link.db"
record --db "$d/link.db" --count 1 2> "$d/err"
is "$?" 1 "symlink at the path: exit 1"
grep -q "symbolic link" "$d/err"; ok $? "symlink: says so"
is "$(sum "$d/target.db")" "$s0" "symlink: target unchanged"
ln -s "$d/nowhere.db" "$d/dangling.db"
record --db "$d/dangling.db" --count 1 2>/dev/null
ok $((! $?)) "dangling symlink refused"
[ ! -e "$d/nowhere.db" ]; ok $? "dangling symlink: target not created"

# ---- missing directories, umask 000 ---------------------------------------
(umask 000; record --db "$d/a/b/c/h.db" --interval 0.1 --count 3)
is "$?" 0 "missing directories: recorder creates them"
is "$(stat -c %a "$d/a/b")" 700 "missing directory created 0700 (umask 000)"
is "$(stat -c %a "$d/a/b/c/h.db")" 600 "database 0600 under umask 000"
is "$(stat -c %a "$d/a/b/c/h.db.lock")" 600 "lock file 0600"
is "$(samples "$d/a/b/c/h.db")" 3 "--count 3 recorded three samples"

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
	chmod 700 "$d"
else
	for i in 1 2 3 4; do ok 0 "# SKIP read-only needs root and setpriv"; done
fi

# ---- second writer, readers, SIGTERM, pidfile ----------------------------
"$HISTOP" record --db "$d/live.db" --interval 0.1 --pidfile "$d/rec.pid" \
    2> "$d/live.err" &
rec=$!; pids="$pids $rec"
wait_for 10 has_samples "$d/live.db" 2; ok $? "recorder writes"
is "$(cat "$d/rec.pid" 2>/dev/null)" "$rec" "pidfile holds the recorder's pid"
record --db "$d/live.db" --count 1 2> "$d/err"
is "$?" 1 "second writer: exit 1"
grep -q "already recording (pid $rec)" "$d/err"; ok $? "second writer names the first's pid"
kill -0 "$rec"; ok $? "first writer unaffected"
bad=0
for i in $(seq 1 25); do
	"$HISTOP" export --db "$d/live.db" --from -1m --what memory --format csv \
	    > "$d/out" 2>> "$d/rerr" || bad=$((bad + 1))
	"$HISTOP" db info "$d/live.db" > /dev/null 2>> "$d/rerr" || bad=$((bad + 1))
done
is "$bad" 0 "25 exports and infos while recording at 10 Hz all succeed"
grep -qiE "busy|locked" "$d/rerr"; ok $((! $?)) "never busy or locked"
n1=$(samples "$d/live.db")
t0=$(date +%s%N)
kill -TERM "$rec"; wait "$rec"; rc=$?
t1=$(date +%s%N)
is "$rc" 0 "SIGTERM: exit 0"
ok $(( (t1 - t0) / 1000000 > 2000 )) "SIGTERM: exit within 2 s"
is "$(stat -c %s "$d/live.db-wal" 2>/dev/null || echo 0)" 0 "SIGTERM: WAL checkpointed"
[ ! -e "$d/rec.pid" ]; ok $? "SIGTERM: pidfile removed"
ok $(( $(samples "$d/live.db") < n1 )) "samples kept ($n1 before the signal)"
record --db "$d/live.db" --count 1; ok $? "lock released: a new recorder starts"
[ -s "$d/live.err" ]; ok $((! $?)) "a healthy run prints nothing"

# ---- kill -9 at random moments -----------------------------------------------
i=0
while [ $i -lt 40 ]; do
	"$HISTOP" record --db "$d/crash.db" --interval 0.1 2>/dev/null &
	p=$!
	sleep "0.$(( $(od -An -N2 -tu2 /dev/urandom) % 40 + 5 ))"
	kill -9 "$p"; wait "$p" 2>/dev/null
	i=$((i + 1))
done
is "$(sqlite3 "$d/crash.db" "PRAGMA integrity_check")" ok "40 x kill -9: integrity_check ok"
is "$(sqlite3 "$d/crash.db" "SELECT count(*) FROM sample s WHERE NOT EXISTS (SELECT 1 FROM cpu c WHERE c.seq = s.seq AND c.cpu = -1)")" 0 \
    "every sample has its CPU rows"
is "$(sqlite3 "$d/crash.db" "SELECT count(*) FROM sample s WHERE seq = key_seq AND nproc != (SELECT count(*) FROM member m WHERE m.seq = s.seq)")" 0 \
    "every keyframe has all its processes"
is "$(sqlite3 "$d/crash.db" "SELECT count(*) FROM proc WHERE seq NOT IN (SELECT seq FROM sample)")" 0 \
    "no process row without its sample"
is "$(sqlite3 "$d/crash.db" "SELECT count(*) FROM process WHERE first_seq NOT IN (SELECT seq FROM sample)")" 0 \
    "no process without its first sample"
n=$(samples "$d/crash.db")
ok $(( n < 20 )) "samples survived the kills ($n)"
is "$("$HISTOP" export --db "$d/crash.db" --what load | wc -l)" "$n" \
    "every sample reads back"
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

# ---- disk full -------------------------------------------------------------------
mkdir "$d/small"
if mount -t tmpfs -o size=16m tmpfs "$d/small" 2>/dev/null; then
	"$HISTOP" record --db "$d/small/h.db" --interval 0.1 2> "$d/full.err" &
	rec=$!; pids="$pids $rec"
	wait_for 10 has_samples "$d/small/h.db" 3
	dd if=/dev/zero of="$d/small/fill" bs=64k 2>/dev/null
	wait_for 10 grep -q "full" "$d/full.err"
	ok $? "disk full: the recorder says so"
	sleep 1
	kill -0 "$rec"; ok $? "disk full: still running"
	is "$(grep -c full "$d/full.err")" 1 "disk full: said once per episode"
	rm -f "$d/small/fill"
	wait_for 10 grep -q "writing again" "$d/full.err"
	ok $? "space back: recording resumes and says so"
	n1=$(samples "$d/small/h.db")
	sleep 0.5
	ok $(( $(samples "$d/small/h.db") <= n1 )) "new samples after the episode"
	kill -TERM "$rec"; wait "$rec"
	is "$?" 0 "exit 0 after the episode"
	is "$(sqlite3 "$d/small/h.db" "PRAGMA integrity_check")" ok "integrity ok after disk full"
	umount "$d/small"
else
	# No mount permission: SQLite's page budget stands in for the disk.
	HISTOP_DB_MAX_PAGES=200 "$HISTOP" record --db "$d/small/h.db" --interval 0.1 \
	    2> "$d/full.err" &
	rec=$!; pids="$pids $rec"
	wait_for 20 grep -q "full" "$d/full.err"
	ok $? "page budget full: the recorder says so"
	sleep 1
	kill -0 "$rec"; ok $? "still running"
	is "$(grep -c full "$d/full.err")" 1 "said once per episode"
	ok 0 "# SKIP resume needs a mountable tmpfs"
	ok 0 "# SKIP"
	kill -TERM "$rec"; wait "$rec"
	is "$?" 0 "exit 0 after the episode"
	is "$(sqlite3 "$d/small/h.db" "PRAGMA integrity_check")" ok "integrity ok"
fi

# ---- bad arguments -----------------------------------------------------------------
for a in "--interval 0" "--interval -1" "--interval nan" "--interval 1e9" \
    "--retention 0" "--retention 7x" "--max-size huge" "--bogus"; do
	record --db "$d/args.db" $a > /dev/null 2> "$d/err"
	is "$?" 2 "record $a: exit 2"
done
is "$(wc -l < "$d/err")" 2 "bad option: one message line and the usage"
[ ! -e "$d/args.db" ]; ok $? "bad arguments: nothing created"
done_testing
