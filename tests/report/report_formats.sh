#!/bin/sh
# report_formats.sh: the fixture machine's JSON and CSV (report_dump) read
# back by independent parsers: every JSON line parses and holds every area
# and every process field; hostile names survive a CSV round trip.
. "$top_srcdir/tests/tap.sh"
command -v python3 >/dev/null 2>&1 || skip_all "python3 not installed"
dump="$top_builddir/tests/report/report_dump"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

"$dump" json >"$tmp/out.json"
ok $? "report_dump json runs"
is "$(wc -l <"$tmp/out.json" | tr -d ' ')" 2 "two snapshots, two lines"

python3 - "$tmp/out.json" >"$tmp/json.tap" 2>&1 <<'PY'
import json, sys
lines = open(sys.argv[1], 'rb').read().split(b'\n')[:-1]
snaps = []
for raw in lines:
    raw.decode('utf-8')                    # valid UTF-8 or raises
    snaps.append(json.loads(raw))          # valid JSON or raises
areas = ['cpu', 'memory', 'load', 'filesystems', 'disks', 'network',
         'pressure', 'quota', 'processes']
fields = ['pid', 'ppid', 'uid', 'user', 'state', 'comm', 'cmdline', 'threads',
          'nice', 'start_time_ns', 'user_time_ns', 'system_time_ns',
          'total_time_ns', 'usage_percent', 'rss_bytes', 'vms_bytes',
          'swap_bytes', 'shared_bytes', 'data_bytes', 'stack_bytes',
          'read_bytes', 'write_bytes']
a, b = snaps
assert all(k in b for k in areas), 'an area is missing'
for p in b['processes']:
    missing = [f for f in fields if f not in p]
    assert not missing, missing
evil = [p for p in b['processes'] if p['pid'] == 42][0]
assert evil['comm'] == 'evil\x1b]0;pwned\x07\n"q"\\\ufffd\x9b', repr(evil['comm'])
big = [p for p in b['processes'] if p['pid'] == 77][0]
assert len(big['cmdline']) == 4096 and big['cmdline'].startswith('/x')
assert big['read_bytes'] is None and big['write_bytes'] is None
assert big['usage_percent'] == 50, big['usage_percent']
assert [p['usage_percent'] for p in a['processes']] == [None] * 3
assert a['cpu']['total']['usage_percent'] is None
assert b['cpu']['total']['usage_percent'] == 75
assert len(b['cpu']['cpus']) == 2
assert b['memory']['total_bytes'] == 8 << 30
assert b['network'][1]['up'] is None and b['network'][1]['rx_bytes'] is None
assert b['pressure']['cpu']['full'] is None
assert b['quota']['rlimits']['core'] == {'soft': 0, 'hard': 'unlimited'}
print('ok')
PY
is "$(tail -n1 "$tmp/json.tap")" ok "python3 json: every line valid, all areas and fields, nulls for unknown"

"$dump" csv >"$tmp/out.csv"
ok $? "report_dump csv runs"
python3 - "$tmp/out.csv" >"$tmp/csv.tap" 2>&1 <<'PY'
import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8', errors='strict') as f:
    rows = list(csv.reader(f))
head, body = rows[0], rows[1:]
assert head[:3] == ['seq', 'time', 'pid'], head[:3]
assert len(body) == 6, len(body)
assert all(len(r) == len(head) for r in body)
col = {n: i for i, n in enumerate(head)}
evil = [r for r in body if r[col['pid']] == '42'][0]
assert evil[col['comm']] == 'evil\x1b]0;pwned\x07\n"q"\\\ufffd\x9b', repr(evil[col['comm']])
assert evil[col['cmdline']] == ''
big = [r for r in body if r[col['pid']] == '77' and r[col['seq']] == '2'][0]
assert big[col['usage_percent']] == '50' and big[col['read_bytes']] == ''
assert len(big[col['cmdline']]) == 4096
print('ok')
PY
is "$(tail -n1 "$tmp/csv.tap")" ok "python3 csv: round trip of hostile names, one row per process"
done_testing
