# fault_names.sh: a real process with a hostile name, end to end through
# the probe and the real recorder. Its comm (set with prctl) and its
# command line (quotes, ";", "--", an SQL injection attempt, ESC, invalid
# UTF-8, embedded NULs between arguments, a 4 KiB argument) are stored
# byte-exact (NULs as the joining spaces), invalid UTF-8 as a BLOB, and
# the schema is intact. (tests/db/test_db_store covers the same through
# synthetic snapshots.)
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/db/fault_lib.sh"

command -v sqlite3 >/dev/null || skip_all "no sqlite3 CLI"
command -v python3 >/dev/null || skip_all "no python3"

cat > "$T/hostile.py" <<'EOF'
import ctypes, os, sys, time
if len(sys.argv) > 1 and sys.argv[1] == "child":
    # comm: 15 bytes at most
    ctypes.CDLL(None).prctl(15, b"a'\";--\xff\x1b[2J", 0, 0, 0)
    open(sys.argv[2], "w").close()
    time.sleep(30)
    sys.exit(0)
big = b"x" * 4096
args = [b"it's \"q\"; -- '); DROP TABLE sample; --", b"-c",
        b"import runpy; runpy.run_path(%r, run_name='__main__')" % sys.argv[1].encode(),
        b"child", sys.argv[2].encode(), b"\xff\xfe\xc0\xaf latin \xe9t\xe9",
        b"\x1b]0;pwned\x07", big]
os.execv(sys.executable, args)
EOF
fl_bg python3 "$T/hostile.py" "$T/hostile.py" "$T/ready"
hp=$fl_last
i=0
while [ ! -e "$T/ready" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
ok $([ -e "$T/ready" ]; echo $?) "hostile process running (pid $hp)"

want_cmd=$(python3 -c 'import sys
b = open("/proc/%s/cmdline" % sys.argv[1], "rb").read().rstrip(b"\0")
print(b.replace(b"\0", b" ").hex().upper())' "$hp")
want_comm=$(python3 -c 'import sys
print(open("/proc/%s/comm" % sys.argv[1], "rb").read().rstrip(b"\n").hex().upper())' "$hp")

ok $([ ${#want_cmd} -gt 8192 ] && [ ${#want_comm} -eq 22 ]; echo $?) \
    "the kernel holds the hostile names (11-byte comm, 4 KiB+ command line)"

DB=$T/history.db
"$HISTOP" record --db "$DB" --interval 0.2 --count 3 2>"$T/err"
is "$?" 0 "recorder ran beside it"
kill "$hp" 2>/dev/null

q() {
	fl_q "$DB" "SELECT $1 FROM process r JOIN proc p ON p.id = r.id
	    JOIN str s ON s.id = p.$2 WHERE r.pid = $hp ORDER BY p.seq LIMIT 1"
}
is "$(q 'hex(s.s)' comm)" "$want_comm" "comm stored byte-exact"
is "$(q 'hex(s.s)' cmdline)" "$want_cmd" "command line stored byte-exact ($(( ${#want_cmd} / 2 )) bytes)"
is "$(q 'typeof(s.s)' cmdline)" blob "invalid UTF-8 kept as a BLOB, not mangled into TEXT"
is "$(fl_q "$DB" "SELECT count(*) FROM sqlite_schema WHERE name = 'sample'")" 1 \
    "schema intact (no injection)"
is "$(fl_q "$DB" "SELECT count(*) FROM sample")" 3 "all samples stored"
is "$(cat "$T/err")" "" "recorder said nothing"
fl_check_whole "$DB" "database whole"
done_testing
