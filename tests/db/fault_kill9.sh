# fault_kill9.sh: kill -9 of the real recorder at random moments (while it
# opens/creates the schema, mid-sample, between samples), 100 times on one
# database: after every kill the file passes integrity_check and holds only
# whole samples, the next recorder starts at once (the lock cannot go
# stale) and the last run records normally.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/db/fault_lib.sh"

command -v sqlite3 >/dev/null || skip_all "no sqlite3 CLI"
DB=$T/h/history.db
ITER=${ITER:-100}
broken=0
notstarted=0
errout=0
prev=0
shrunk=0
i=0
while [ $i -lt $ITER ]; do
	i=$((i + 1))
	# Three in four kills land 10-90 ms after start (open, schema, first
	# sample); the rest 0-100 ms after the recorder committed a sample
	# (however long that took on a loaded machine), among the writes of
	# the next.
	fl_bg "$HISTOP" record --db "$DB" --interval 0.1 2>"$T/err.$i"
	pid=$fl_last
	if [ $((i % 4)) -eq 0 ]; then
		fl_wait_samples "$DB" $((prev + 1)) 20000
		ms=$(($(od -An -N1 -tu1 /dev/urandom) % 100))
	else
		ms=$((10 + $(od -An -N1 -tu1 /dev/urandom) % 81))
	fi
	sleep "$(printf '0.%03d' "$ms")"
	kill -0 "$pid" 2>/dev/null || notstarted=$((notstarted + 1))
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	[ -s "$T/err.$i" ] && { errout=$((errout + 1)); sed 's/^/# /' "$T/err.$i"; }
	[ -s "$DB" ] || continue
	out=$(fl_whole "$DB")
	if [ $? -ne 0 ]; then
		broken=$((broken + 1))
		echo "# after kill $i at $ms ms:"
		printf '%s\n' "$out" | sed 's/^/#   /'
	fi
	n=$(fl_q "$DB" "SELECT count(*) FROM sample" 2>/dev/null)
	[ "${n:-0}" -lt "$prev" ] && shrunk=$((shrunk + 1))
	prev=${n:-0}
done
is "$broken" 0 "$ITER kills: integrity ok and only whole samples after each"
is "$notstarted" 0 "the recorder was alive at every kill (none exited early)"
is "$errout" 0 "no recorder complained on start (stale lock, hot WAL)"
is "$shrunk" 0 "committed samples never lost by a later kill"
ok $([ "$prev" -gt 0 ]; echo $?) "samples were committed across the kills ($prev)"

# A normal run after all that: starts at once, appends, exits 0.
t0=$(fl_now_ms)
"$HISTOP" record --db "$DB" --interval 0.1 --count 3 2>"$T/err.last"
is "$?" 0 "a recorder after $ITER kills runs and exits 0"
el=$(($(fl_now_ms) - t0))
ok $([ "$el" -lt 5000 ]; echo $?) "it did not wait for a stale lock (${el} ms)"
is "$(cat "$T/err.last")" "" "and said nothing on stderr"
is "$(fl_q "$DB" "SELECT count(*) FROM sample")" $((prev + 3)) \
    "its 3 samples were appended"
fl_check_whole "$DB" "database whole at the end"
is "$(fl_q "$DB" "SELECT max(seq) = count(*) FROM sample")" 1 \
    "seq numbering continued without gaps across the crashes"
done_testing
