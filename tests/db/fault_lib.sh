# fault_lib.sh: shared helpers of the store's fault tests (tests/db/fault_*.sh).
# Source after tests/tap.sh. Gives a private temp dir ($T), a cleanup trap that
# kills every child started with fl_bg and unmounts every fl_mount, a TAP
# skip, and the "only whole samples" check on a recorded database.

T=$(mktemp -d "${TMPDIR:-/tmp}/histop-fault.XXXXXX") || exit 99
fl_pids=
fl_mounts=

fl_cleanup() {
	for p in $fl_pids; do kill -9 "$p" 2>/dev/null; done
	for p in $fl_pids; do wait "$p" 2>/dev/null; done
	for m in $fl_mounts; do umount -l "$m" 2>/dev/null; done
	chattr -i -R "$T" 2>/dev/null
	rm -rf "$T"
}
trap fl_cleanup EXIT
trap 'exit 99' HUP INT TERM

# skip REASON: one TAP test point reported as skipped (never as a pass).
skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # SKIP $1"
}

# fl_bg CMD...: run in the background, remember the pid in $fl_last.
fl_bg() {
	"$@" &
	fl_last=$!
	fl_pids="$fl_pids $fl_last"
}

# fl_mount ARGS... DIR: mount, remembered for the trap. Fails quietly.
fl_mount() {
	eval "fl_dir=\${$#}"
	mount "$@" 2>/dev/null || return 1
	fl_mounts="$fl_dir $fl_mounts"
}

fl_now_ms() { echo $(($(date +%s%N) / 1000000)); }

# fl_wait_gone PID MS: wait up to MS milliseconds for PID to exit; its exit
# status in $fl_rc (124 on timeout: then it is killed).
fl_wait_gone() {
	fl_deadline=$(($(fl_now_ms) + $2))
	while kill -0 "$1" 2>/dev/null; do
		if [ -z "$(ps -o stat= -p "$1" 2>/dev/null | grep -v Z)" ]; then
			break
		fi
		if [ "$(fl_now_ms)" -gt "$fl_deadline" ]; then
			kill -9 "$1" 2>/dev/null
			wait "$1" 2>/dev/null
			fl_rc=124
			return 1
		fi
		sleep 0.02
	done
	wait "$1"
	fl_rc=$?
	return 0
}

# fl_wait_samples DB N MS: wait until DB holds at least N samples.
fl_wait_samples() {
	fl_deadline=$(($(fl_now_ms) + $3))
	while :; do
		n=$(fl_q "$1" "SELECT count(*) FROM sample" 2>/dev/null)
		[ "${n:-0}" -ge "$2" ] && return 0
		[ "$(fl_now_ms)" -gt "$fl_deadline" ] && return 1
		sleep 0.05
	done
}

# fl_q DB SQL: one query through the sqlite3 CLI, read-only.
fl_q() {
	sqlite3 -readonly -batch "$1" "$2"
}

fl_sum() { cksum < "$1"; }

# fl_nobody CMD...: run CMD as user nobody (65534), without groups (root
# and setpriv needed: check fl_can_nobody first).
fl_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
fl_can_nobody() { command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; }

# fl_whole DB: prints nothing and returns 0 when the database passes
# PRAGMA integrity_check and holds only whole samples; otherwise prints
# what is wrong. A whole sample (histop-db(5)): seqs contiguous; at least
# one CPU row and the same number of CPU rows as every other sample of its
# boot; its key_seq names a keyframe sample at or before it whose member
# rows and range of new ids are exactly the processes alive then; its
# fs_seq/limits_seq name stored rows; the processes alive at it
# (first_seq <= seq < gone_seq) are nproc of them, each with a proc row at
# its first_seq and an id below the next sample's new_process_id; and no
# row of any per-sample table belongs to a sample that does not exist.
fl_whole() {
	# Check a copy of the database and its -wal and -journal, without
	# the -shm: SQLite recovers from the files alone as any later opener
	# would, and the original is left for the next recorder to recover.
	rm -rf "$T/.whole"
	mkdir "$T/.whole" || return 1
	for fl_f in "$1" "$1-wal" "$1-journal"; do
		[ -e "$fl_f" ] && cp "$fl_f" "$T/.whole/"
	done
	fl_c=$T/.whole/${1##*/}
	fl_ic=$(sqlite3 -batch "$fl_c" "PRAGMA integrity_check" 2>&1)
	if [ "$fl_ic" != ok ]; then
		echo "integrity_check: $fl_ic"
		return 1
	fi
	# Killed before the schema was committed: an empty database.
	if [ "$(sqlite3 -batch "$fl_c" "SELECT count(*) FROM sqlite_schema
	    WHERE name = 'sample'")" = 0 ]; then
		fl_v=$(sqlite3 -batch "$fl_c" "PRAGMA user_version")
		[ "$fl_v" = 0 ] && return 0
		echo "no sample table but user_version $fl_v"
		return 1
	fi
	fl_bad=$(sqlite3 -batch "$fl_c" "
SELECT 'seq gap: ' || count(*) || ' samples, ' || min(seq) || '..' || max(seq)
  FROM sample HAVING count(*) > 0 AND count(*) != max(seq) - min(seq) + 1;
SELECT 'sample ' || s.seq || ' has no cpu rows' FROM sample s
  WHERE NOT EXISTS (SELECT 1 FROM cpu c WHERE c.seq = s.seq);
SELECT 'sample ' || seq || ' has ' || n || ' cpu rows, boot has ' || m
  FROM (SELECT s.seq, s.boot, (SELECT count(*) FROM cpu c WHERE c.seq = s.seq) n,
    max((SELECT count(*) FROM cpu c WHERE c.seq = s.seq)) OVER (PARTITION BY s.boot) m
    FROM sample s) WHERE n != m;
SELECT 'sample ' || s.seq || ': key_seq ' || s.key_seq || ' is not a keyframe'
  FROM sample s WHERE s.key_seq > s.seq OR NOT EXISTS
  (SELECT 1 FROM sample k WHERE k.seq = s.key_seq AND k.key_seq = k.seq);
SELECT 'sample ' || s.seq || ': fs_seq ' || s.fs_seq || ' has no rows'
  FROM sample s WHERE s.fs_seq IS NOT NULL AND (s.fs_seq > s.seq OR
  NOT EXISTS (SELECT 1 FROM fs f WHERE f.seq = s.fs_seq));
SELECT 'sample ' || s.seq || ': limits_seq ' || s.limits_seq || ' has no row'
  FROM sample s WHERE s.limits_seq IS NOT NULL AND (s.limits_seq > s.seq OR
  NOT EXISTS (SELECT 1 FROM limits l WHERE l.seq = s.limits_seq));
SELECT 'sample ' || s.seq || ': nproc ' || s.nproc || ' but ' || a.n || ' alive'
  FROM sample s JOIN (SELECT s2.seq, (SELECT count(*) FROM process p
    WHERE p.first_seq <= s2.seq AND (p.gone_seq IS NULL OR p.gone_seq > s2.seq)) n
    FROM sample s2) a ON a.seq = s.seq WHERE a.n != s.nproc;
SELECT 'keyframe ' || s.seq || ': ' || (SELECT count(*) FROM member m
    WHERE m.seq = s.seq) || ' members, nproc ' || s.nproc
  FROM sample s WHERE s.key_seq = s.seq AND s.nproc != (SELECT count(*)
    FROM member m JOIN process p ON p.id = m.id WHERE m.seq = s.seq AND
    p.first_seq <= s.seq AND (p.gone_seq IS NULL OR p.gone_seq > s.seq))
    + (SELECT count(*) FROM process p WHERE p.id >= s.new_process_id AND
    p.first_seq = s.seq);
SELECT 'process ' || p.id || ' (first seen at ' || p.first_seq ||
  ') outside its sample''s range of new ids' FROM process p
  WHERE p.id >= (SELECT new_process_id FROM sample t WHERE t.seq > p.first_seq
    ORDER BY t.seq LIMIT 1) OR (p.id < (SELECT new_process_id FROM sample t
    WHERE t.seq = p.first_seq) AND NOT EXISTS (SELECT 1 FROM member m
    WHERE m.seq = p.first_seq AND m.id = p.id));
SELECT 'process ' || p.id || ' (pid ' || p.pid || ') has no row at first_seq '
  || p.first_seq FROM process p WHERE NOT EXISTS
  (SELECT 1 FROM proc r WHERE r.id = p.id AND r.seq = p.first_seq);
SELECT 'orphan rows in ' || t || ': ' || n FROM (
  SELECT 'cpu' t, count(*) n FROM cpu WHERE seq NOT IN (SELECT seq FROM sample)
  UNION ALL SELECT 'net', count(*) FROM net WHERE seq NOT IN (SELECT seq FROM sample)
  UNION ALL SELECT 'disk', count(*) FROM disk WHERE seq NOT IN (SELECT seq FROM sample)
  UNION ALL SELECT 'fs', count(*) FROM fs WHERE seq NOT IN (SELECT seq FROM sample)
  UNION ALL SELECT 'limits', count(*) FROM limits WHERE seq NOT IN (SELECT seq FROM sample)
  UNION ALL SELECT 'proc', count(*) FROM proc WHERE seq NOT IN (SELECT seq FROM sample)
  UNION ALL SELECT 'member', count(*) FROM member WHERE seq NOT IN (SELECT seq FROM sample)
  UNION ALL SELECT 'process', count(*) FROM process WHERE first_seq NOT IN (SELECT seq FROM sample)
) WHERE n > 0;
" 2>&1)
	if [ -n "$fl_bad" ]; then
		printf '%s\n' "$fl_bad" | head -5
		return 1
	fi
	return 0
}

# fl_check_whole DB NAME: a TAP point for fl_whole, with what failed as
# comments.
fl_check_whole() {
	fl_out=$(fl_whole "$1")
	fl_st=$?
	[ -n "$fl_out" ] && printf '%s\n' "$fl_out" | sed 's/^/# /'
	ok $fl_st "$2"
}
