# fault_migrate.sh: kill -9 during a schema migration, many times, at
# random moments. The stored version-1 and version-2 fixtures are grown
# (every sample copied, numbered on) until migrating takes a while; a
# helper (migrate_open) opens them as the recorder does, which migrates,
# and is killed 0-130% of the way through. After each kill, a copy of the
# files (without the -shm, as any later opener recovers them) passes
# integrity_check and is, row for row, either the old database intact or
# the fully migrated one: never half, never an intermediate version. The
# killed file is used again (its hot WAL recovered by the next open) until
# a run gets through; the last version is read from the built histop.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/db/fault_lib.sh"

command -v sqlite3 >/dev/null || skip_all "no sqlite3 CLI"
OPEN=$top_builddir/tests/db/migrate_open
[ -x "$OPEN" ] || skip_all "tests/db/migrate_open not built"
ITER=${ITER:-15}
FIX=$top_srcdir/tests/db/fixtures

# The version this histop writes, from histop itself.
"$HISTOP" record --db "$T/fresh.db" --count 1 2>/dev/null
LATEST=$("$HISTOP" db info "$T/fresh.db" | sed -n 's/^schema: *version //p')
ok $([ -n "$LATEST" ]; echo $?) "histop db info names the latest version ($LATEST)"

# grow DB K: K more copies of every sample of DB (and of its rows in the
# per-sample tables and its processes), numbered on after the last.
grow() {
	S=$(sqlite3 "$1" "SELECT max(seq) FROM sample")
	P=$(sqlite3 "$1" "SELECT ifnull(max(id), 0) FROM process")
	sql="BEGIN;"
	for t in sample cpu disk net fs limits rlimit process proc member; do
		cols=$(sqlite3 "$1" "SELECT group_concat(name, ',') FROM
		    pragma_table_info('$t')")
		[ -n "$cols" ] || continue
		ex=
		for c in $(echo "$cols" | tr ',' ' '); do
			case $c in
			seq|key_seq|fs_seq|limits_seq|first_seq|gone_seq)
				e="$c + k_n * $S" ;;
			wall_ns|mono_ns) e="$c + k_n * $S * 2000000000" ;;
			id)	case $t in
				process|proc|member) e="$c + k_n * $P" ;;
				*) e=$c ;;
				esac ;;
			*) e=$c ;;
			esac
			ex="${ex:+$ex, }$e"
		done
		sql="$sql WITH RECURSIVE k(k_n) AS (SELECT 1 UNION ALL
		    SELECT k_n + 1 FROM k WHERE k_n < $2)
		    INSERT INTO $t($cols) SELECT $ex FROM $t, k;"
	done
	echo "$sql COMMIT;" | sqlite3 "$1"
}

# state DB: "VERSION HASH" of a copy of DB and its -wal/-journal (the
# -shm left out), or "BAD <what>" when it fails integrity_check. The
# string hashes of version 5 are under a key random per migration: the
# hash counts only as set or not, the key as its length.
state() {
	rm -rf "$T/c"
	mkdir "$T/c"
	for f in "$1" "$1-wal" "$1-journal"; do
		[ -e "$f" ] && cp "$f" "$T/c/"
	done
	c=$T/c/${1##*/}
	ic=$(sqlite3 -batch "$c" "PRAGMA integrity_check" 2>&1 | head -3)
	if [ "$ic" != ok ]; then
		echo "BAD $ic" | tr '\n' ' '
		return
	fi
	sqlite3 -batch "$c" "UPDATE meta SET value = length(value) WHERE
	    key = 'str_key'" 2>/dev/null
	[ "$(sqlite3 -batch "$c" "SELECT count(*) FROM pragma_table_info('str')
	    WHERE name = 'h'")" = 1 ] &&
	    sqlite3 -batch "$c" "UPDATE str SET h = h IS NOT NULL"
	echo "$(sqlite3 -batch "$c" "PRAGMA user_version")" \
	    "$( (sqlite3 -batch "$c" "PRAGMA application_id"; \
	    sqlite3 -batch "$c" .dump) | cksum | tr ' ' _)"
}

rnd() { od -An -N2 -tu2 /dev/urandom | tr -d ' '; }

for v in 1 2; do
	case $v in
	1) K=20000 ;;
	2) K=500 ;;
	esac
	G=$T/grown$v.db
	sqlite3 -batch "$G" < "$FIX/v$v.sql"
	grow "$G" $K
	old=$(state "$G")
	is "${old%% *}" "$v" "v$v fixture grown ($(fl_q "$G" "SELECT count(*) FROM sample") samples, $(($(stat -c %s "$G") / 1048576)) MiB)"
	cp "$G" "$T/ref.db"
	ms=$("$OPEN" "$T/ref.db" 2>"$T/err")
	ok $? "v$v: an uninterrupted open migrates it (${ms} ms)"
	new=$(state "$T/ref.db")
	is "${new%% *}" "$LATEST" "v$v: migrated to version $LATEST"
	[ "${ms:-0}" -gt 20 ] || ms=20
	span=$((ms * 13 / 10))

	DB=$T/m$v.db
	cp "$G" "$DB"
	bad=0; half=0; oldn=0; newn=0; failed=0; i=0
	while [ $i -lt "$ITER" ]; do
		i=$((i + 1))
		at=$(($(rnd) % span))
		"$OPEN" "$DB" > /dev/null 2>>"$T/err.$v" &
		pid=$!
		sleep "$(printf '%d.%03d' $((at / 1000)) $((at % 1000)))"
		kill -9 "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		rc=$?
		[ $rc -ne 0 ] && [ $rc -ne 137 ] && failed=$((failed + 1))
		s=$(state "$DB")
		if [ "$s" = "$old" ]; then
			oldn=$((oldn + 1))
		elif [ "$s" = "$new" ]; then
			newn=$((newn + 1))
			rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.lock"
			cp "$G" "$DB"
		else
			case $s in
			BAD*) bad=$((bad + 1)) ;;
			*) half=$((half + 1)) ;;
			esac
			echo "# kill $i at $at ms: state ${s%% *} (old ${old%% *}, new ${new%% *})"
			rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.lock"
			cp "$G" "$DB"
		fi
	done
	echo "# v$v: $ITER kills in 0..$span ms: $oldn left it old, $newn after the migration committed"
	is "$bad" 0 "v$v: $ITER kills during migration: integrity_check ok after each"
	is "$half" 0 "v$v: old version intact or fully migrated after each, never half"
	is "$failed" 0 "v$v: no open failed before its kill (the killed file always opens)"
	sed 's/^/# /' "$T/err.$v" 2>/dev/null | head -3
	ok $([ "$oldn" -gt 0 ]; echo $?) "v$v: some kills landed during the migration ($oldn)"

	# The last killed file, migrated by the real recorder, reads.
	"$HISTOP" record --db "$DB" --interval 0.1 --count 1 2>"$T/err"
	is "$?" 0 "v$v: the recorder migrates what the kills left"
	"$HISTOP" db info "$DB" > "$T/info" 2>&1
	grep -q "version $LATEST" "$T/info"
	ok $? "v$v: db info reads it at version $LATEST"
	rm -f "$G" "$T/ref.db"* "$DB"*
done
done_testing
