# fault_check.sh: damage found at the open check (RELIABILITY E.51). A
# recorder killed with -9 leaves its WAL behind; the next recorder looks
# at the whole file (quick_check) before adding to it. Whole: it records
# on. Damaged (pages of the main file overwritten where no WAL frame
# replaces them): it refuses with one line naming the file and pointing
# at `histop db check`, and the file and its WAL stay byte for byte as
# they were. `histop db check` says the same, listing the problems.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/db/fault_lib.sh"

command -v sqlite3 >/dev/null || skip_all "no sqlite3 CLI"
command -v od >/dev/null || skip_all "no od(1)"

DB=$T/h.db
fl_bg "$HISTOP" record --db "$DB" --interval 0.1 2>"$T/err0"
pid=$fl_last
fl_wait_samples "$DB" 10 30000
ok $? "a recorder wrote 10 samples"
kill -9 "$pid"
fl_wait_gone "$pid" 5000
ok "$([ -s "$DB-wal" ]; echo $?)" "killed with -9: its WAL is left behind"

"$HISTOP" db check "$DB" >"$T/out" 2>"$T/err"
is "$?" 0 "db check: a crashed but whole file is ok"
grep -q "$DB: ok (quick_check)" "$T/out"
ok $? "db check: says ok, and which check"
"$HISTOP" db check --full "$DB" >"$T/out" 2>"$T/err"
is "$?" 0 "db check --full: ok (integrity_check)"

# Damage: a copy of the crash image with its main file's pages overwritten,
# all but page 1 (the header: SQLite would not open it at all) and the
# pages the WAL holds newer copies of (SQLite would read those instead).
cp "$DB" "$T/bad.db"
cp "$DB-wal" "$T/bad.db-wal"
psz=$(od -An -tu1 -j8 -N4 "$DB-wal" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
wsz=$(stat -c %s "$DB-wal")
walpages=$(i=0; off=32; while [ $((off + 24 + psz)) -le "$wsz" ]; do
	od -An -tu1 -j"$off" -N4 "$DB-wal"
	off=$((off + 24 + psz))
done | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }' | sort -un)
npages=$(($(stat -c %s "$DB") / psz))
hit=0
p=2
while [ "$p" -le "$npages" ]; do
	if ! echo "$walpages" | grep -qx "$p"; then
		dd if=/dev/urandom of="$T/bad.db" bs="$psz" seek=$((p - 1)) \
		    count=1 conv=notrunc 2>/dev/null
		hit=$((hit + 1))
	fi
	p=$((p + 1))
done
ok "$([ "$hit" -gt 0 ]; echo $?)" "damaged $hit of $npages pages (page size $psz)"
s0=$(fl_sum "$T/bad.db")
w0=$(fl_sum "$T/bad.db-wal")

timeout 30 "$HISTOP" record --db "$T/bad.db" --interval 0.1 --count 3 2>"$T/err"
is "$?" 1 "recorder on the damaged crash image: exit 1"
sed 's/^/# /' "$T/err"
is "$(grep -c . "$T/err")" 1 "one line"
grep -q "$T/bad.db: damaged: .*histop db check" "$T/err"
ok $? "it names the file, says damaged, points at histop db check"
ok "$([ "$(fl_sum "$T/bad.db")" = "$s0" ] &&
    [ "$(fl_sum "$T/bad.db-wal")" = "$w0" ]; echo $?)" \
    "the file and its WAL are unchanged (nothing checkpointed into it)"

"$HISTOP" db check "$T/bad.db" >"$T/out" 2>"$T/err"
is "$?" 1 "db check on it: exit 1"
grep -q "$T/bad.db: damaged" "$T/err"
ok $? "db check: says damaged"
ok "$([ -s "$T/out" ]; echo $?)" "db check: lists the problems ($(wc -l < "$T/out") lines)"
ok "$([ "$(fl_sum "$T/bad.db")" = "$s0" ]; echo $?)" "db check leaves it unchanged"

# The whole one: the next recorder checks it and records on.
n0=$(fl_q "$DB" "SELECT count(*) FROM sample")
timeout 30 "$HISTOP" record --db "$DB" --interval 0.1 --count 3 2>"$T/err"
is "$?" 0 "recorder on the whole crash image: records on"
is "$(grep -c . "$T/err")" 0 "and says nothing"
is "$(fl_q "$DB" "SELECT count(*) FROM sample")" $((n0 + 3)) "3 more samples"
fl_check_whole "$DB" "database whole"
done_testing
