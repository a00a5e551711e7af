#!/bin/sh
# batch_live.sh: histop -b -n 2 --format json against the real /proc: values
# match the kernel's own files, a child we started is there with the right
# fields, and the second snapshot carries real rates.
. "$top_srcdir/tests/tap.sh"
command -v python3 >/dev/null 2>&1 || skip_all "python3 not installed"
[ -r /proc/stat ] && [ -r /proc/meminfo ] || skip_all "no /proc"
tmp=$(mktemp -d) || exit 1
sleep 60 &
idle=$!
sh -c 'while :; do :; done' &
busy=$!
trap 'kill $idle $busy 2>/dev/null; rm -rf "$tmp"' EXIT

env -u HISTOP_PROC_ROOT -u HISTOP_SYS_ROOT \
    "$HISTOP" -b -n 2 -d 0.5 --format json >"$tmp/out" 2>"$tmp/err"
ok $? "histop -b -n 2 -d 0.5 --format json exits 0"
python3 - "$tmp/out" "$idle" "$busy" "$$" >"$tmp/py" 2>&1 <<'PY'
import json, os, sys
out, idle, busy, shell = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
lines = open(out, 'rb').read().decode('utf-8').split('\n')
assert len(lines) == 3 and lines[2] == ''
a, b = json.loads(lines[0]), json.loads(lines[1])
for k in ('cpu', 'memory', 'load', 'processes'):
    assert b[k] is not None, k
mem = {l.split(':')[0]: int(l.split()[1]) * 1024 for l in open('/proc/meminfo')}
assert b['memory']['total_bytes'] == mem['MemTotal'], 'MemTotal'
assert b['memory']['swap_total_bytes'] == mem['SwapTotal'], 'SwapTotal'
ncpu = len([l for l in open('/proc/stat') if l[:3] == 'cpu' and l[3].isdigit()])
assert len(b['cpu']['cpus']) == ncpu, (len(b['cpu']['cpus']), ncpu)
assert 0.4e9 < b['interval_ns'] < 5e9, b['interval_ns']
assert a['interval_ns'] is None
u = b['cpu']['total']['usage_percent']
assert u is not None and 0 <= u <= 100, u
assert a['cpu']['total']['usage_percent'] is None
boot = open('/proc/sys/kernel/random/boot_id').read().strip()
assert b['boot_id'] == boot, b['boot_id']
procs = {p['pid']: p for p in b['processes']}
s = procs[idle]
assert s['comm'] == 'sleep' and s['cmdline'] == 'sleep 60', s
assert s['ppid'] == shell and s['uid'] == os.getuid() and s['state'] == 'S', s
assert s['usage_percent'] == 0, s['usage_percent']
pg = os.sysconf('SC_PAGE_SIZE')
statm = open('/proc/%d/statm' % idle).read().split()
stat = open('/proc/%d/stat' % idle).read()
stat = stat[stat.rindex(')') + 2:].split()
# The kernel's stat (field 24) and statm can disagree by a few pages
# (per-CPU RSS counters): either one is the kernel's word.
assert s['rss_bytes'] in (int(statm[1]) * pg, int(stat[21]) * pg), 'rss'
assert s['vms_bytes'] == int(statm[0]) * pg, 'vms'
# The busy loop's rate is its CPU time over the interval, both from the
# kernel: exact whatever share of a loaded machine it got (a fixed floor
# would measure the load). It ran, so its time grew.
p = procs[busy]
pa = {q['pid']: q for q in a['processes']}[busy]
used = p['total_time_ns'] - pa['total_time_ns']
assert used > 0, (pa['total_time_ns'], p['total_time_ns'])
want = 100.0 * used / b['interval_ns']
assert p['usage_percent'] is not None and abs(p['usage_percent'] - want) <= 0.1 + want / 100, \
    (p['usage_percent'], want)
assert any(q['comm'] == 'histop' for q in b['processes']), 'histop itself'
assert [q['pid'] for q in b['processes']] == sorted(procs)
if os.path.exists('/sys/fs/cgroup') and b['quota'] is not None:
    assert s['cgroup'] is not None, 'cgroup of our child'
    keys = [c['cgroup'] for c in b['quota']['process_cgroups']]
    assert s['cgroup'] in keys, (s['cgroup'], keys)
print('ok')
PY
is "$(tail -n1 "$tmp/py")" ok "MemTotal, CPU count, boot id, own child processes and rates match the kernel"
[ "$(tail -n1 "$tmp/py")" = ok ] || sed 's/^/#   /' "$tmp/py"

# -p: the limits of that process, from /proc/PID/limits.
(ulimit -S -n 123 && exec sleep 60) &
lim=$!
# until the subshell has set the limit and become sleep
i=0
until grep -q '^Max open files  *123 ' "/proc/$lim/limits" 2>/dev/null &&
    [ "$(cat "/proc/$lim/comm" 2>/dev/null)" = sleep ] || [ $i -ge 400 ]; do
	sleep 0.05
	i=$((i + 1))
done
env -u HISTOP_PROC_ROOT -u HISTOP_SYS_ROOT \
    "$HISTOP" -b -n 1 --format json -p "$lim" >"$tmp/lim.json" 2>"$tmp/err"
python3 - "$tmp/lim.json" "$lim" >"$tmp/py" 2>&1 <<'PY'
import json, sys
snap, pid = json.load(open(sys.argv[1])), int(sys.argv[2])
rl = snap['quota']['process_rlimits']
assert [r['pid'] for r in rl] == [pid], rl
nofile = rl[0]['rlimits']['nofile']
assert nofile['soft'] == 123, nofile
for line in open('/proc/%d/limits' % pid):
    if line.startswith('Max open files'):
        hard = line.split()[4]
        assert nofile['hard'] == (int(hard) if hard.isdigit() else 'unlimited'), (nofile, hard)
print('ok')
PY
kill $lim 2>/dev/null
is "$(tail -n1 "$tmp/py")" ok "-p: quota.process_rlimits has the process's own limits"
[ "$(tail -n1 "$tmp/py")" = ok ] || sed 's/^/#   /' "$tmp/py"

env -u HISTOP_PROC_ROOT "$HISTOP" -b -n 1 >"$tmp/text" 2>"$tmp/err"
ok $? "text mode on the real /proc exits 0"
grep -q "^ *$idle [^ ]* .* sleep 60\$" "$tmp/text"
ok $? "text mode lists our sleep 60 child"
done_testing
