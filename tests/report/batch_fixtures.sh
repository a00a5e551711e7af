#!/bin/sh
# batch_fixtures.sh: histop -b end to end against the probe's fixture trees:
# JSON values equal what the fixture files say (read here independently),
# hostile process data never reaches the text output raw, CSV parses, and
# -p/-u/-s select and order processes.
. "$top_srcdir/tests/tap.sh"
command -v python3 >/dev/null 2>&1 || skip_all "python3 not installed"
fx="$top_srcdir/tests/probe/fixtures"
[ -d "$fx/cg2/proc" ] || skip_all "no probe fixtures"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# The hostile tree's files are malformed on purpose: it must give valid
# output, its values are the probe tests' business.
"$HISTOP" -b -n 2 -d 0.1 --format json --proc-root "$fx/hostile/proc" \
    --sys-root "$fx/hostile/sys" >"$tmp/hostile.json" 2>"$tmp/err"
ok $? "hostile: histop -b -n 2 --format json exits 0"
python3 -c 'import json, sys
for l in open(sys.argv[1], "rb"):
    json.loads(l.decode("utf-8"))' "$tmp/hostile.json"
ok $? "hostile: every line valid UTF-8 and valid JSON"

for tree in cg2 cg1 old; do
	"$HISTOP" -b -n 2 -d 0.1 --format json --proc-root "$fx/$tree/proc" \
	    --sys-root "$fx/$tree/sys" >"$tmp/$tree.json" 2>"$tmp/err"
	ok $? "$tree: histop -b -n 2 --format json exits 0"
	python3 - "$tmp/$tree.json" "$fx/$tree/proc" >"$tmp/py" 2>&1 <<'PY'
import json, os, sys
out, proc = sys.argv[1], sys.argv[2]
lines = open(out, 'rb').read().split(b'\n')
assert lines[-1] == b'' and len(lines) == 3, 'want 2 lines'
a, b = (json.loads(l.decode('utf-8')) for l in lines[:2])
assert a['interval_ns'] is None and b['interval_ns'] > 0
assert b['seq'] == a['seq'] + 1
stat = [l.split() for l in open(os.path.join(proc, 'stat'))]
ncpu = len([l for l in stat if l and l[0].startswith('cpu') and l[0] != 'cpu'])
assert len(b['cpu']['cpus']) == ncpu, (len(b['cpu']['cpus']), ncpu)
total = [l for l in stat if l and l[0] == 'cpu'][0]
hz = 100  # USER_HZ of every Linux ABI
assert b['cpu']['total']['user_ns'] == int(total[1]) * 10**9 // hz
assert b['cpu']['total']['idle_ns'] == int(total[4]) * 10**9 // hz
mem = {}
for l in open(os.path.join(proc, 'meminfo')):
    k, v = l.split(':')
    mem[k] = int(v.split()[0]) * 1024
assert b['memory']['total_bytes'] == mem['MemTotal']
assert b['memory']['free_bytes'] == mem['MemFree']
if 'MemAvailable' in mem:
    assert b['memory']['available_bytes'] == mem['MemAvailable']
la = open(os.path.join(proc, 'loadavg')).read().split()
assert [b['load'][k] for k in ('load1', 'load5', 'load15')] == \
    [float(x) for x in la[:3]], b['load']
assert b['load']['tasks_total'] == int(la[3].split('/')[1])
psi = os.path.join(proc, 'pressure', 'io')
if os.path.exists(psi):
    some = dict(kv.split('=') for kv in open(psi).readline().split()[1:])
    assert b['pressure']['io']['some']['avg10'] == float(some['avg10'])
    assert b['pressure']['io']['some']['total_ns'] == int(some['total']) * 1000
else:
    assert b['pressure'] is None or b['pressure']['io']['some'] is None
devs = [l.split(':')[0].strip() for l in open(os.path.join(proc, 'net', 'dev'))
        if ':' in l]
got = [n['name'] for n in b['network']]
assert set(got) <= set(devs) and got, (got, devs)
print('ok')
PY
	is "$(tail -n1 "$tmp/py")" ok "$tree: cpu, memory, load, pressure, network match the fixture files"
	[ "$(tail -n1 "$tmp/py")" = ok ] || sed 's/^/#   /' "$tmp/py"
done

# Processes: the hostile process tree.
pt="$fx/procs-hostile"
if [ -d "$pt" ]; then
	"$HISTOP" -b -n 1 --proc-root "$pt" --sys-root "$pt/sys" >"$tmp/text" 2>"$tmp/err"
	ok $? "procs-hostile: text output exits 0"
	python3 - "$tmp/text" >"$tmp/py" 2>&1 <<'PY'
import sys
raw = open(sys.argv[1], 'rb').read()
bad = [c for c in raw if (c < 0x20 and c != 0x0a) or c == 0x7f]
assert not bad, 'raw control bytes: %r' % bad[:5]
text = raw.decode('utf-8')            # valid UTF-8
assert not [c for c in text if 0x80 <= ord(c) <= 0x9f], 'raw C1'
assert '   PID USER' in text
print('ok')
PY
	is "$(tail -n1 "$tmp/py")" ok "procs-hostile: text has no raw control bytes, valid UTF-8"

	"$HISTOP" -b -n 1 --format json --proc-root "$pt" --sys-root "$pt/sys" >"$tmp/p.json"
	python3 - "$tmp/p.json" "$pt" >"$tmp/py" 2>&1 <<'PY'
import json, os, sys
snap = json.loads(open(sys.argv[1], 'rb').read().decode('utf-8'))
pids = sorted(int(d) for d in os.listdir(sys.argv[2]) if d.isdigit())
got = [p['pid'] for p in snap['processes']]
assert got == sorted(got), 'json is in pid order by default'
assert set(got) <= set(pids) and 1 in got
for p in snap['processes']:
    st = os.path.join(sys.argv[2], str(p['pid']), 'stat')
    raw = open(st, 'rb').read()
    comm = raw[raw.index(b'(') + 1:raw.rindex(b')')]
    want = comm.decode('utf-8', 'replace')
    assert p['comm'] == want, (p['pid'], p['comm'], want)
print('ok')
PY
	is "$(tail -n1 "$tmp/py")" ok "procs-hostile: every comm in JSON equals the stat file's (bad UTF-8 as U+FFFD)"
	[ "$(tail -n1 "$tmp/py")" = ok ] || sed 's/^/#   /' "$tmp/py"

	pids=$("$HISTOP" -b -n 1 --format json -p 100,1,99999 --proc-root "$pt" \
	    --sys-root "$pt/sys" | python3 -c 'import json,sys
print(",".join(str(p["pid"]) for p in json.load(sys.stdin)["processes"]))')
	is "$pids" "1,100" "-p 100,1,99999: only those that exist, in pid order"
	pids=$("$HISTOP" -b -n 1 --format json -u 4242 --proc-root "$pt" \
	    --sys-root "$pt/sys" | python3 -c 'import json,sys
print(",".join(str(p["pid"]) for p in json.load(sys.stdin)["processes"]))')
	is "$pids" "118" "-u 4242: only that uid's process"
	"$HISTOP" -b -n 1 --format json -s rss --proc-root "$pt" \
	    --sys-root "$pt/sys" | python3 -c 'import json,sys
ps = json.load(sys.stdin)["processes"]
known = [p["rss_bytes"] for p in ps if p["rss_bytes"] is not None]
unknown = [p for p in ps if p["rss_bytes"] is None]
assert known == sorted(known, reverse=True)
assert all(p["rss_bytes"] is None for p in ps[len(known):])
assert len(ps) > 3 and unknown' 2>"$tmp/err"
	ok $? "-s rss: largest first, unknown last"

	"$HISTOP" -b -n 2 -d 0.1 --format csv --proc-root "$pt" \
	    --sys-root "$pt/sys" >"$tmp/p.csv"
	python3 - "$tmp/p.csv" >"$tmp/py" 2>&1 <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
head = rows[0]
assert head[:3] == ['seq', 'time', 'pid'] and 'rss_bytes' in head
assert all(len(r) == len(head) for r in rows[1:])
seqs = sorted(set(r[0] for r in rows[1:]))
assert seqs == ['1', '2'], seqs
assert rows.count(head) == 1, 'header once'
print('ok')
PY
	is "$(tail -n1 "$tmp/py")" ok "csv: one header, rows of both samples parse"
fi

# Limits of the processes' cgroups: the cg2 host with one process put in
# its x.service cgroup (a copy; the fixtures stay read-only).
if [ -d "$pt/1" ]; then
	cp -R "$fx/cg2" "$tmp/mix" && chmod -R u+w "$tmp/mix" &&
	    cp -R "$pt/1" "$tmp/mix/proc/1" && chmod -R u+w "$tmp/mix/proc/1" &&
	    printf '0::/system.slice/x.service\n' >"$tmp/mix/proc/1/cgroup"
	"$HISTOP" -b -n 1 --format json --proc-root "$tmp/mix/proc" \
	    --sys-root "$tmp/mix/sys" >"$tmp/mix.json" 2>"$tmp/err"
	python3 - "$tmp/mix.json" >"$tmp/py" 2>&1 <<'PY'
import json, sys
snap = json.load(open(sys.argv[1]))
assert [p['cgroup'] for p in snap['processes']] == ['/system.slice/x.service']
pcs = snap['quota']['process_cgroups']
assert len(pcs) == 1, pcs
c = pcs[0]
assert c['cgroup'] == '/system.slice/x.service' and c['version'] == 2, c
assert c['memory_limit_bytes'] == 536870912, c
assert c['memory_usage_bytes'] == 123456789, c
assert c['swap_limit_bytes'] == 'unlimited', c
assert c['cpu_quota_ns'] == 50000000 and c['cpu_period_ns'] == 100000000, c
assert c['pids_limit'] == 100 and c['pids_current'] == 7, c
print('ok')
PY
	is "$(tail -n1 "$tmp/py")" ok "json: quota.process_cgroups holds the limits of the processes' cgroup"
	[ "$(tail -n1 "$tmp/py")" = ok ] || sed 's/^/#   /' "$tmp/py"
fi
done_testing
