# fault_flip.sh: damaged databases (RELIABILITY E.51) through the real
# recorder, export and db info. A schema planted with terminal escapes
# (ESC ] ... BEL, ESC [ 31m): SQLite quotes it in its error, which must
# reach stderr escaped, never raw. Then random bytes flipped in a
# recorded database, 30 times over: no run is killed by a signal or
# hangs, and nothing any of them says holds a raw control character
# (this found a reader crash on a name string gone missing: kept as a
# fixed case).
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/db/fault_lib.sh"

command -v sqlite3 >/dev/null || skip_all "no sqlite3 CLI"
command -v timeout >/dev/null || skip_all "no timeout(1)"
ITER=${ITER:-30}

# raw FILE: 0 if FILE holds a control character other than newline.
raw() { LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" "$1"; }

G=$T/good.db
"$HISTOP" record --db "$G" --interval 0.1 --count 10 2>/dev/null
is "$?" 0 "a database recorded"

cp "$G" "$T/esc.db"
sqlite3 "$T/esc.db" "PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, 'STRICT', 'STR' || char(27) ||
    ']0;pwned' || char(7) || char(27) || '[31mICT') WHERE name = 'meta';"
"$HISTOP" record --db "$T/esc.db" --count 1 2>"$T/e1"
is "$?" 1 "planted escapes in the schema: the recorder refuses it"
"$HISTOP" export --db "$T/esc.db" > /dev/null 2>"$T/e2"
is "$?" 1 "planted escapes in the schema: export fails"
cat "$T/e1" "$T/e2" | sed 's/^/# /'
raw "$T/e1" || raw "$T/e2"
ok $((! $?)) "no raw control character in either message"
grep -q 'x1b' "$T/e1"
ok $? "the escape is shown escaped"

# A damage the flips below found: a network row whose name string is
# gone. Deriving rates compared names and dereferenced NULL (SIGSEGV).
cp "$G" "$T/noname.db"
sqlite3 "$T/noname.db" "DELETE FROM str WHERE id IN (SELECT name FROM net)"
"$HISTOP" export --db "$T/noname.db" --what network > /dev/null 2>"$T/e1"
is "$?" 1 "a network row without its name: export exits 1, not killed"
grep -q "without its name (damaged database)" "$T/e1"
ok $? "and says the database is damaged"
sed 's/^/# /' "$T/e1"

# KEEP_CRASH=PREFIX keeps each database a run was killed on (debugging).
sz=$(stat -c %s "$G")
rnd() { od -An -N4 -tu4 /dev/urandom | tr -d ' '; }
signalled=0; hung=0; rawn=0; i=0
while [ $i -lt "$ITER" ]; do
	i=$((i + 1))
	cp "$G" "$T/x.db"
	rm -f "$T/x.db-wal" "$T/x.db-shm"
	for k in 1 2 3 4 5 6 7 8; do
		off=$(($(rnd) % (sz - 100) + 100))
		printf "\\$(printf %o $(($(rnd) % 256)))" |
		    dd of="$T/x.db" bs=1 seek="$off" conv=notrunc 2>/dev/null
	done
	timeout 30 "$HISTOP" record --db "$T/x.db" --interval 0.1 --count 2 \
	    2>"$T/e1"
	r1=$?
	timeout 30 "$HISTOP" export --db "$T/x.db" --what processes \
	    --format json > /dev/null 2>"$T/e2"
	r2=$?
	timeout 30 "$HISTOP" db info "$T/x.db" > /dev/null 2>"$T/e3"
	r3=$?
	[ "$r2" -gt 128 ] && [ -n "$KEEP_CRASH" ] && cp "$T/x.db" "$KEEP_CRASH.$i" && { cp "$T/x.db-wal" "$KEEP_CRASH.$i-wal" 2>/dev/null; :; }
	for r in $r1 $r2 $r3; do
		[ "$r" -eq 124 ] && hung=$((hung + 1))
		[ "$r" -gt 128 ] && signalled=$((signalled + 1))
	done
	if raw "$T/e1" || raw "$T/e2" || raw "$T/e3"; then
		rawn=$((rawn + 1))
		cat -v "$T/e1" "$T/e2" "$T/e3" | head -3 | sed 's/^/# /'
	fi
	[ "$r1$r2$r3" != 000 ] &&
	    echo "# flip $i: record $r1, export $r2, info $r3: $(head -c 120 "$T/e1" "$T/e2" 2>/dev/null | tr '\n' ' ' | cut -c1-160)"
done
is "$signalled" 0 "$ITER damaged databases: no run killed by a signal"
is "$hung" 0 "none hung"
is "$rawn" 0 "no raw control character in any message"
done_testing
