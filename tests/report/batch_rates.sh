#!/bin/sh
# batch_rates.sh: the second snapshot of histop -b -n 2 carries real rates.
# A copy of the cg2 fixture host with one process runs under histop; after
# the first snapshot is out, its /proc/stat and the process's stat and io
# are replaced by later versions, and the second snapshot's CPU shares,
# process usage_percent and I/O rates must equal what the two versions and
# the reported interval give.
. "$top_srcdir/tests/tap.sh"
command -v python3 >/dev/null 2>&1 || skip_all "python3 not installed"
fx="$top_srcdir/tests/probe/fixtures"
[ -d "$fx/cg2/proc" ] && [ -d "$fx/procs-hostile/1" ] || skip_all "no probe fixtures"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

cp -R "$fx/cg2" "$tmp/h" && cp -R "$fx/procs-hostile/1" "$tmp/h/proc/1" &&
    chmod -R u+w "$tmp/h"
ok $? "fixture host copied"
# The later versions: cpu counters advanced (ticks), process 1 used 150
# more ticks (utime 250 -> 350, stime 130 -> 180) and did I/O.
cat >"$tmp/stat.2" <<'END'
cpu  10300 200 3100 500500 500 50 60 70 80 90
cpu0 5150 100 1550 250250 250 25 30 35 40 45
cpu1 5150 100 1550 250250 250 25 30 35 40 45
intr 123456 0 0 0
ctxt 987654
btime 1700000000
processes 12345
procs_running 3
procs_blocked 0
END
sed 's/ 250 130 / 350 180 /' "$tmp/h/proc/1/stat" >"$tmp/pstat.2"
sed 's/^read_bytes: 4096$/read_bytes: 2101248/; s/^write_bytes: 8192$/write_bytes: 1056768/' \
    "$tmp/h/proc/1/io" >"$tmp/io.2"
cmp -s "$tmp/pstat.2" "$tmp/h/proc/1/stat"
is $? 1 "the later process stat differs"

: >"$tmp/out" # exists before the loop below looks (no race with '&')
"$HISTOP" -b -n 2 -d 3 --format json --proc-root "$tmp/h/proc" \
    --sys-root "$tmp/h/sys" >"$tmp/out" 2>"$tmp/err" &
pid=$!
# Wait for the first snapshot, then swap the files in (rename: atomic).
i=0
while [ "$(wc -l <"$tmp/out")" -lt 1 ] && [ $i -lt 600 ]; do
	sleep 0.05
	i=$((i + 1))
done
mv "$tmp/stat.2" "$tmp/h/proc/stat"
mv "$tmp/pstat.2" "$tmp/h/proc/1/stat"
mv "$tmp/io.2" "$tmp/h/proc/1/io"
wait $pid
ok $? "histop -b -n 2 -d 3 exits 0"

python3 - "$tmp/out" >"$tmp/py" 2>&1 <<'PY'
import json, sys
a, b = (json.loads(l) for l in open(sys.argv[1]))
# the swap fell between the two samples (else the machine was too slow)
assert a['cpu']['total']['user_ns'] == 10000 * 10**7, 'first sample saw the swap'
assert b['cpu']['total']['user_ns'] == 10300 * 10**7, 'second sample missed it'
secs = b['interval_ns'] / 1e9
assert 2.9 <= secs <= 30, secs
t = b['cpu']['total']
# deltas in ticks: user 300, system 100, idle 500, iowait 100; total 1000
assert t['user_percent'] == 30 and t['system_percent'] == 10, t
assert t['idle_percent'] == 50 and t['iowait_percent'] == 10, t
assert t['nice_percent'] == 0 and t['steal_percent'] == 0, t
assert t['usage_percent'] == 40, t['usage_percent']
assert a['cpu']['total']['usage_percent'] is None
c0 = b['cpu']['cpus'][0]
assert c0['usage_percent'] == 40 and c0['user_percent'] == 30, c0
p = b['processes'][0]
assert p['pid'] == 1
assert p['total_time_ns'] == 5300000000, p['total_time_ns']
want = round(150 * 0.01 / secs * 100, 2)
assert abs(p['usage_percent'] - want) <= 0.011, (p['usage_percent'], want,
    a['processes'][0]['total_time_ns'], a['mono_ns'], b['mono_ns'])
rr, wr = 2097152 / secs, 1048576 / secs
assert abs(p['read_rate'] - rr) <= 0.011 and abs(p['write_rate'] - wr) <= 0.011, p
assert a['processes'][0]['usage_percent'] is None
print('ok')
PY
is "$(tail -n1 "$tmp/py")" ok "second snapshot: CPU shares, process %CPU and I/O rates from the two samples"
[ "$(tail -n1 "$tmp/py")" = ok ] || sed 's/^/#   /' "$tmp/py"
done_testing
