# fault_files.sh: hostile and unusable files at the database path, through
# the real recorder. Foreign text, another application's SQLite file, a
# truncated or header-only database, a newer schema: exit 1, one clear
# line, file unchanged. Symlinks planted at the database, its -wal and its
# lock: refused, targets untouched. A missing directory is created 0700;
# under umask 000 the database, -wal and -shm are 0600. A database on a
# read-only mount: exit 1 naming the path, file unchanged.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/db/fault_lib.sh"

command -v sqlite3 >/dev/null || skip_all "no sqlite3 CLI"

# refuse FILE NAME PATTERN: the recorder refuses FILE with exit 1, one line
# matching PATTERN, FILE byte-for-byte unchanged, no -wal/-shm left.
refuse() {
	sum=$(fl_sum "$1")
	"$HISTOP" record --db "$1" --interval 0.1 --count 2 2>"$T/err"
	is "$?" 1 "$2: exit 1"
	is "$(wc -l < "$T/err" | tr -d ' ')" 1 "$2: one line on stderr"
	grep -q "$3" "$T/err"
	ok $? "$2: message says '$3'"
	sed 's/^/# /' "$T/err"
	is "$(fl_sum "$1")" "$sum" "$2: file unchanged"
	ok $([ ! -e "$1-wal" ] && [ ! -e "$1-shm" ]; echo $?) \
	    "$2: no -wal or -shm created beside it"
}

# A good database to derive the others from.
GOOD=$T/good.db
"$HISTOP" record --db "$GOOD" --interval 0.1 --count 2 2>"$T/err"
is "$?" 0 "a database recorded to derive the hostile ones"

mkdir "$T/f"
printf 'hello\nthis is my thesis, do not overwrite\n' > "$T/f/text.db"
refuse "$T/f/text.db" "text file" "not a histop database"

head -c 100 "$GOOD" > "$T/f/header-only.db"
refuse "$T/f/header-only.db" "100-byte header only" "malformed\|corrupt\|not a histop"
head -c 4096 "$GOOD" > "$T/f/page1.db"
refuse "$T/f/page1.db" "truncated to one page" "malformed\|corrupt\|not a histop"
sz=$(stat -c %s "$GOOD")
head -c $((sz / 2)) "$GOOD" > "$T/f/half.db"
refuse "$T/f/half.db" "truncated to half" "malformed\|corrupt\|not a histop"

sqlite3 "$T/f/other.db" "PRAGMA application_id = 1598903374;
CREATE TABLE notes(t TEXT); INSERT INTO notes VALUES('mine');"
refuse "$T/f/other.db" "other application's SQLite file" "application id 0x5f4d544e"

sqlite3 "$T/f/noid.db" "CREATE TABLE notes(t TEXT); INSERT INTO notes VALUES('x');"
refuse "$T/f/noid.db" "SQLite file without an application id" "not a histop database"

cp "$GOOD" "$T/f/newer.db"
v=$(fl_q "$GOOD" "PRAGMA user_version")
sqlite3 "$T/f/newer.db" "PRAGMA user_version = $((v + 1))"
refuse "$T/f/newer.db" "newer schema" "schema version $((v + 1)) is newer than this histop understands ($v)"

# Symlinks planted at the database path, its -wal, and the lock.
mkdir "$T/l"
cp "$GOOD" "$T/l/target.db"
sum=$(fl_sum "$T/l/target.db")
ln -s "$T/l/target.db" "$T/l/history.db"
"$HISTOP" record --db "$T/l/history.db" --count 1 2>"$T/err"
is "$?" 1 "symlink at the database path: exit 1"
grep -q "symbolic link" "$T/err"
ok $? "symlink at the database path: message says so"
is "$(fl_sum "$T/l/target.db")" "$sum" "symlink at the database path: target unchanged"
ok $([ ! -e "$T/l/target.db-wal" ]; echo $?) "no -wal beside the target"

ln -s "$T/l/absent.db" "$T/l/dangling.db"
"$HISTOP" record --db "$T/l/dangling.db" --count 1 2>"$T/err"
is "$?" 1 "dangling symlink at the database path: exit 1"
ok $([ ! -e "$T/l/absent.db" ]; echo $?) "dangling symlink: its target is not created"

echo "precious" > "$T/l/victim"
ln -s "$T/l/victim" "$T/l/w.db.lock"
"$HISTOP" record --db "$T/l/w.db" --count 1 2>"$T/err"
is "$?" 1 "symlink at the lock path: exit 1"
grep -q "symbolic link" "$T/err"
ok $? "symlink at the lock path: message says so"
is "$(cat "$T/l/victim")" "precious" "symlink at the lock path: target untouched"

cp "$GOOD" "$T/l/v.db"
ln -s "$T/l/victim" "$T/l/v.db-wal"
"$HISTOP" record --db "$T/l/v.db" --count 1 2>"$T/err"
is "$?" 1 "symlink at the -wal path: exit 1"
is "$(cat "$T/l/victim")" "precious" "symlink at the -wal path: target untouched"

# Hard links planted at the lock, -wal and -shm paths (a recorder running
# as root in a directory others can write to): the file behind them is
# another database, whose bytes must survive.
for sfx in .lock -wal -shm; do
	rm -f "$T/l/h.db" "$T/l/h.db.lock" "$T/l/h.db-wal" "$T/l/h.db-shm"
	cp "$GOOD" "$T/l/other.db"
	sum=$(fl_sum "$T/l/other.db")
	ln "$T/l/other.db" "$T/l/h.db$sfx"
	"$HISTOP" record --db "$T/l/h.db" --count 1 2>"$T/err"
	is "$?" 1 "hard link at the $sfx path: exit 1"
	grep -q "hard links" "$T/err"
	ok $? "hard link at the $sfx path: message says so"
	is "$(fl_sum "$T/l/other.db")" "$sum" \
	    "hard link at the $sfx path: the linked file is unchanged"
done
# A reader may follow a hard-linked database (a backup made with ln).
rm -f "$T/l/h.db"*
cp "$GOOD" "$T/l/other.db"
ln "$T/l/other.db" "$T/l/h.db"
"$HISTOP" db info "$T/l/h.db" >/dev/null 2>"$T/err"
is "$?" 0 "a hard-linked database can still be read"

mkfifo "$T/l/fifo.db"
"$HISTOP" record --db "$T/l/fifo.db" --count 1 2>"$T/err" &
fp=$!
fl_wait_gone "$fp" 5000
is "$fl_rc" 1 "a FIFO at the database path: exit 1, no hang"

# A database others may read: recorded to, with one warning naming the mode.
rm -f "$T/l/h.db"*
cp "$GOOD" "$T/l/h.db"
chmod 644 "$T/l/h.db"
"$HISTOP" record --db "$T/l/h.db" --count 1 --interval 0.1 2>"$T/err"
is "$?" 0 "a database readable by others: still recorded to"
grep -q "readable by others (mode 0644)" "$T/err"
ok $? "a database readable by others: warning names the mode"
is "$(grep -c . "$T/err")" 1 "a database readable by others: one line"
chmod 600 "$T/l/h.db"
"$HISTOP" record --db "$T/l/h.db" --count 1 --interval 0.1 2>"$T/err"
is "$(grep -c . "$T/err")" 0 "a private database: no warning"

# Missing directories: created 0700; files 0600 whatever the umask.
(umask 000; "$HISTOP" record --db "$T/new/a/b/history.db" --interval 0.1 \
    --count 2 2>"$T/err"
echo $? > "$T/rc")
is "$(cat "$T/rc")" 0 "umask 000, missing directories: records"
is "$(stat -c %a "$T/new/a")" 700 "missing directory created 0700"
is "$(stat -c %a "$T/new/a/b")" 700 "missing leaf directory created 0700"
is "$(stat -c %a "$T/new/a/b/history.db")" 600 "umask 000: database 0600"
is "$(stat -c %a "$T/new/a/b/history.db.lock")" 600 "umask 000: lock file 0600"
# -wal and -shm exist only while the recorder runs.
(umask 000; exec "$HISTOP" record --db "$T/new/a/b/history.db" \
    --interval 0.1 2>"$T/err") &
rp=$!
fl_pids="$fl_pids $rp"
fl_wait_samples "$T/new/a/b/history.db" 3 20000
is "$(stat -c %a "$T/new/a/b/history.db-wal" 2>&1)" 600 "umask 000: -wal 0600"
is "$(stat -c %a "$T/new/a/b/history.db-shm" 2>&1)" 600 "umask 000: -shm 0600"
kill -TERM "$rp"
fl_wait_gone "$rp" 5000

# A database on a read-only mount (root ignores file modes, so a mode
# of 0400 would prove nothing: a read-only bind mount stops even root).
mkdir "$T/ro"
cp "$GOOD" "$T/ro/history.db"
sum=$(fl_sum "$T/ro/history.db")
if fl_mount --bind "$T/ro" "$T/ro" &&
    mount -o remount,bind,ro "$T/ro" 2>/dev/null; then
	"$HISTOP" record --db "$T/ro/history.db" --count 1 2>"$T/err"
	is "$?" 1 "read-only mount: exit 1"
	grep -q "$T/ro/history.db" "$T/err" && grep -qi "read-only" "$T/err"
	ok $? "read-only mount: message names the path and says read-only"
	sed 's/^/# /' "$T/err"
	is "$(fl_sum "$T/ro/history.db")" "$sum" "read-only mount: file unchanged"
	umount "$T/ro"
else
	skip "read-only bind mount not permitted here"
	skip "read-only bind mount not permitted here"
	skip "read-only bind mount not permitted here"
fi
done_testing
