#!/bin/sh
# batch_errors.sh: output failures (closed pipe, /dev/full, closed stdout)
# end with one "write error" line and exit 1, never a crash or a death by
# SIGPIPE; the sampling cadence; numbers stay '.'-decimal in JSON under a
# ',' locale.
. "$top_srcdir/tests/tap.sh"
fx="$top_srcdir/tests/probe/fixtures/cg2"
[ -d "$fx/proc" ] || skip_all "no probe fixtures"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
roots="--proc-root $fx/proc --sys-root $fx/sys"

# (the process tree: CSV has rows only where there are processes)
pt="$top_srcdir/tests/probe/fixtures/procs-hostile"
for fmt in text json csv; do
	{ "$HISTOP" -b -n 3 -d 0.1 --format $fmt --proc-root "$pt" \
	    --sys-root "$pt/sys" 2>"$tmp/err"
	  echo $? >"$tmp/st"; } | head -c1 >/dev/null
	is "$(cat "$tmp/st")" 1 "$fmt to a closed pipe: exit 1, not killed by SIGPIPE"
	grep -q "^histop: write error: " "$tmp/err" &&
	    [ "$(wc -l <"$tmp/err" | tr -d ' ')" -eq 1 ]
	ok $? "$fmt to a closed pipe: one 'write error' line"
done

if [ -w /dev/full ]; then
	# shellcheck disable=SC2086
	"$HISTOP" -b -n 1 --format json $roots >/dev/full 2>"$tmp/err"
	is $? 1 "/dev/full: exit 1"
	grep -q "^histop: write error: No space left on device" "$tmp/err"
	ok $? "/dev/full: says write error and why"
fi
# shellcheck disable=SC2086
"$HISTOP" -b -n 1 $roots >&- 2>"$tmp/err"
is $? 1 "closed stdout: exit 1"
grep -q "^histop: write error" "$tmp/err"
ok $? "closed stdout: says write error"

# Cadence: a monotonic deadline, 0.1 s apart.
# shellcheck disable=SC2086
"$HISTOP" -b -n 4 -d 0.1 --format json $roots >"$tmp/out" 2>"$tmp/err"
ok $? "-n 4 -d 0.1 runs"
is "$(wc -l <"$tmp/out" | tr -d ' ')" 4 "-n 4 prints 4 snapshots"
if command -v python3 >/dev/null 2>&1; then
	python3 -c 'import json, sys
s = [json.loads(l) for l in open(sys.argv[1])]
# Samples follow a fixed schedule (start + k * 0.1 s): never early, and a
# late one does not shift the ones after it.
t = [x["mono_ns"] - s[0]["mono_ns"] for x in s]
assert all(t[k] >= k * 0.1e9 - 0.005e9 for k in range(4)), t
iv = [x["interval_ns"] for x in s[1:]]
assert all(0 < i < 1.5e9 for i in iv), iv  # not 2 s, the default
assert [x["seq"] for x in s] == [1, 2, 3, 4]' "$tmp/out" >"$tmp/py" 2>&1
	st=$?
	ok $st "samples on a 0.1 s schedule, seq 1..4"
	[ $st -eq 0 ] || sed 's/^/#   /' "$tmp/py"
fi

# SIGTERM: the snapshot being written is finished, then exit 0.
"$HISTOP" -b -d 0.1 --format json --proc-root "$pt" --sys-root "$pt/sys" \
    >"$tmp/term.json" 2>"$tmp/err" &
pid=$!
# until two snapshots are out (0.1 s apart; slower on a loaded machine)
i=0
while [ "$(wc -l <"$tmp/term.json")" -lt 2 ] && [ $i -lt 600 ] &&
    kill -0 $pid 2>/dev/null; do
	sleep 0.05
	i=$((i + 1))
done
sleep 0.05 # and into the next interval, mid-run
kill -TERM $pid
wait $pid
is $? 0 "SIGTERM: batch stops cleanly, exit 0"
if command -v python3 >/dev/null 2>&1; then
	python3 -c 'import json, sys
lines = open(sys.argv[1], "rb").read().split(b"\n")
assert lines[-1] == b"" and len(lines) >= 3, len(lines)
for l in lines[:-1]:
    json.loads(l)' "$tmp/term.json"
	ok $? "SIGTERM: every line written is whole, valid JSON"
fi

# A ',' decimal locale: text follows it, JSON and CSV never do.
if command -v localedef >/dev/null 2>&1 &&
    localedef -i de_DE -f UTF-8 "$tmp/de_DE.UTF-8" >/dev/null 2>&1; then
	# shellcheck disable=SC2086
	LOCPATH=$tmp LC_ALL=de_DE.UTF-8 "$HISTOP" -b -n 1 $roots >"$tmp/text"
	grep -q "load average: *0,52, *1,25, *2,50" "$tmp/text"
	ok $? "de_DE: text uses the locale's decimal comma (locale in effect)"
	# shellcheck disable=SC2086
	LOCPATH=$tmp LC_ALL=de_DE.UTF-8 "$HISTOP" -b -n 1 --format json \
	    $roots >"$tmp/de.json"
	grep -q '"load":{"load1":0.52,"load5":1.25,"load15":2.5,' "$tmp/de.json"
	ok $? "de_DE: JSON numbers keep '.'"
	# shellcheck disable=SC2086
	LOCPATH=$tmp LC_ALL=de_DE.UTF-8 "$HISTOP" -b -d 0,5 $roots \
	    >/dev/null 2>&1
	is $? 2 "de_DE: -d 0,5 is still refused (one syntax everywhere)"
else
	ok 0 "# SKIP localedef cannot build de_DE.UTF-8"
fi
done_testing
