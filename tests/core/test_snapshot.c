/* test_snapshot.c: snapshot storage, copy and derived rates (libcore only). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/rstr.h"
#include "core/snapshot.h"
#include "tests/tap.h"

static struct snap_proc *
add_proc(struct snapshot *s, pid_t pid, uint64_t start, uint64_t cpu_ns,
    uint64_t rd)
{
	struct snap_proc *p = snapshot_add_proc(s);

	p->pid = pid;
	p->start_time_ns = start;
	p->total_time_ns = cpu_ns;
	p->read_bytes = rd;
	p->comm = snapshot_str(s, "x", 1);
	p->have = (1u << PROC_PID) | (1u << PROC_START_TIME) |
	    (1u << PROC_TOTAL_TIME) | (1u << PROC_READ_BYTES);
	return p;
}

static void
test_procs(void)
{
	struct snapshot *a = snapshot_new(), *b = snapshot_new();
	const struct snap_proc *p;

	a->mono_ns = 1000000000;
	b->mono_ns = 3000000000; /* 2 s later */
	add_proc(a, 10, 5, 1000000000, 100);
	add_proc(a, 20, 7, 0, 0);
	add_proc(b, 10, 5, 2000000000, 4196); /* +1 s CPU over 2 s */
	add_proc(b, 20, 99, 1, 0);            /* pid reused */
	add_proc(b, 30, 1, 1, 0);             /* new */
	snapshot_derive(b, a);
	is_int(b->interval_ns, 2000000000, "interval from monotonic clock");
	p = snapshot_find_proc(b, 10);
	ok(p && HAVE(p->have, PROC_USAGE_PERCENT), "usage known for a surviving pid");
	is_dbl(p->usage_percent, 50.0, 1e-9, "1 s of CPU in 2 s is 50%");
	is_dbl(p->read_rate, 2048.0, 1e-9, "read rate in bytes per second");
	p = snapshot_find_proc(b, 20);
	ok(p && !HAVE(p->have, PROC_USAGE_PERCENT), "reused pid has no usage");
	p = snapshot_find_proc(b, 30);
	ok(p && !HAVE(p->have, PROC_USAGE_PERCENT), "new pid has no usage");
	ok(snapshot_find_proc(b, 25) == NULL, "absent pid not found");

	/* Counter going backwards: unknown, never negative. */
	b->proc[0].total_time_ns = 10;
	snapshot_derive(b, a);
	ok(!HAVE(b->proc[0].have, PROC_USAGE_PERCENT), "backwards counter gives unknown");
	snapshot_free(a);
	snapshot_free(b);
}

static void
test_cpu(void)
{
	struct snapshot *a = snapshot_new(), *b = snapshot_new();
	struct snap_cpu *c;
	int i;

	a->mono_ns = 1;
	b->mono_ns = 2;
	c = snapshot_add_cpu(a);
	c->id = -1;
	c->have = (1u << CPU_NFIELDS) - 1;
	c = snapshot_add_cpu(b);
	c->id = -1;
	c->have = (1u << CPU_NFIELDS) - 1;
	for (i = 0; i < CPU_NFIELDS; i++)
		c->ns[i] = 0;
	c->ns[CPU_USER] = 300;
	c->ns[CPU_GUEST] = 100; /* inside user: not summed again */
	c->ns[CPU_IDLE] = 500;
	c->ns[CPU_IOWAIT] = 200;
	snapshot_derive(b, a);
	ok(b->cpu[0].have_pct, "cpu percent derived");
	is_dbl(b->cpu[0].usage_percent, 30.0, 1e-9, "usage excludes idle and iowait, guest not double counted");
	is_dbl(b->cpu[0].pct[CPU_IOWAIT], 20.0, 1e-9, "iowait share");
	snapshot_free(a);
	snapshot_free(b);
}

static void
test_copy_and_reuse(void)
{
	struct snapshot *a = snapshot_new(), *b = snapshot_new();
	struct snap_net *n;
	char big[100000];
	int i;

	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	for (i = 0; i < 5000; i++)
		add_proc(a, i + 1, 1, 1, 1)->cmdline = snapshot_str(a, big, (size_t)i % 300);
	a->proc[4999].cmdline = snapshot_str(a, big, strlen(big));
	n = snapshot_add_net(a);
	n->name = snapshot_str(a, "eth0", 4);
	snapshot_copy(b, a);
	is_int(b->nproc, 5000, "copy keeps every process");
	ok(b->proc[4999].cmdline != a->proc[4999].cmdline &&
	    strcmp(b->proc[4999].cmdline, big) == 0, "copy owns its long strings");
	is_str(b->net[0].name, "eth0", "copy keeps interface names");
	snapshot_clear(a);
	is_int(a->nproc, 0, "clear empties");
	ok(a->cap_proc >= 5000, "clear keeps capacity");
	snapshot_free(a);
	snapshot_free(b);
}

static void
test_reserve(void)
{
	struct snapshot *a = snapshot_new();
	int i;

	snapshot_reserve_procs(a, 1000);
	ok(a->cap_proc >= 1000 && a->cap_proc <= 1000 + 1000 / 8 + 16,
	    "reserve: room for the count and a little more, not double");
	for (i = 0; i < 1000; i++)
		add_proc(a, i + 1, 1, 1, 1);
	snapshot_reserve_procs(a, 10);
	ok(a->cap_proc >= 1000 && a->proc[999].pid == 1000,
	    "reserve: never below the processes held");
	snapshot_clear(a);
	snapshot_reserve_procs(a, 10);
	ok(a->cap_proc >= 10 && a->cap_proc <= 10 + 1 + 16,
	    "reserve: an empty snapshot gives back a burst's memory");
	snapshot_reserve_procs(a, 12);
	is_int(a->cap_proc, 10 + 1 + 16, "reserve: small changes keep the array");
	for (i = 0; i < 5000; i++)
		add_proc(a, i + 1, 1, 1, 1);
	is_int(a->proc[4999].pid, 5000, "reserve: the array still grows on demand");
	snapshot_free(a);
}

static const struct field_desc *
field(const char *name)
{
	size_t i;

	for (i = 0; i < proc_nfields; i++)
		if (strcmp(proc_fields[i].name, name) == 0)
			return &proc_fields[i];
	return NULL;
}

static void
test_field_cmp(void)
{
	struct snap_proc a = { .pid = 5, .rss_bytes = UINT64_MAX, .nice = -5,
	    .comm = "b", .cmdline = NULL, .state = 'R' };
	struct snap_proc b = { .pid = 9, .rss_bytes = 1, .nice = 3,
	    .comm = "a", .cmdline = "x", .state = 'R' };

	ok(proc_field_cmp(&a, &b, field("pid")) < 0, "pid compares as a number");
	ok(proc_field_cmp(&a, &b, field("rss_bytes")) > 0, "u64 compares unsigned, no overflow");
	ok(proc_field_cmp(&a, &b, field("nice")) < 0, "negative nice sorts first");
	ok(proc_field_cmp(&a, &b, field("comm")) > 0, "strings by strcmp");
	ok(proc_field_cmp(&a, &b, field("cmdline")) < 0, "NULL string before any string");
	is_int(proc_field_cmp(&a, &b, field("state")), 0, "equal chars compare equal");
	is_int(proc_field_cmp(&a, &a, field("cmdline")), 0, "NULL equals NULL");
}

/*
 * Shared strings: a snapshot holds a reference for as long as it shows
 * the string, whoever made it lets go; copies and clears leave nothing
 * dangling or leaked (run under ASan or valgrind to see the last two).
 */
static void
test_shared(void)
{
	struct snapshot *a = snapshot_new(), *b = snapshot_new();
	const char *cmd = rstr_new("sleep 100000", 12);
	const char *cg = rstr_new("/user.slice", 11);
	const char *user = rstr_new("root\0ignored", 4);
	struct snap_proc *p;

	is_int((int)rstr_len(cmd), 12, "rstr: length");
	is_str(user, "root", "rstr: len bytes and a NUL");
	ok(rstr_eq(cmd, "sleep 100000", 12) && !rstr_eq(cmd, "sleep 10000",
	    11) && !rstr_eq(cmd, "sleep 100001", 12) && !rstr_eq(NULL, "", 0),
	    "rstr_eq: same bytes and length only");

	p = snapshot_add_proc(a);
	p->pid = 7;
	snapshot_proc_share(p, SNAP_SHARED_CMDLINE, cmd);
	snapshot_proc_share(p, SNAP_SHARED_CGROUP, cg);
	snapshot_proc_share(p, SNAP_SHARED_USER, user);
	ok(p->cmdline == cmd && p->cgroup == cg && p->user == user,
	    "shared: the record points at the string itself");
	p = snapshot_add_proc(b);
	p->pid = 7;
	snapshot_proc_share(p, SNAP_SHARED_CMDLINE, cmd);
	/* replacing a shared field drops the old reference */
	snapshot_proc_share(p, SNAP_SHARED_USER, cg);
	snapshot_proc_share(p, SNAP_SHARED_USER, NULL);
	ok(p->user == NULL && p->shared == SNAP_SHARED_CMDLINE,
	    "shared: NULL replaces a reference");
	/* the maker lets go: both snapshots still show the strings */
	rstr_unref(cmd);
	rstr_unref(cg);
	rstr_unref(user);
	is_str(a->proc[0].cmdline, "sleep 100000", "shared: outlives its maker");
	is_str(b->proc[0].cmdline, "sleep 100000", "shared: in both snapshots");
	is_str(a->proc[0].cgroup, "/user.slice", "shared: cgroup kept");
	/* a copy is the destination's own, independent of the source */
	snapshot_copy(b, a);
	ok(b->proc[0].shared == 0 && b->proc[0].cmdline != a->proc[0].cmdline,
	    "copy: strings copied into the destination's pool");
	snapshot_clear(a);
	is_str(b->proc[0].cmdline, "sleep 100000", "copy: survives the source");
	is_str(b->proc[0].user, "root", "copy: user survives the source");
	is_int((int)a->nproc, 0, "clear: the references are dropped");
	snapshot_free(a);
	snapshot_free(b);
}

/* Interning: equal strings are one; a sweep forgets the unheld ones only. */
static void
test_intern(void)
{
	struct rstr_set *set = rstr_set_new();
	const char *a, *b, *c, *e;
	char buf[32];
	size_t i;
	int bad = 0;

	a = rstr_intern(set, "/system.slice/x", 15);
	b = rstr_intern(set, "/system.slice/xy", 15);
	c = rstr_intern(set, "/system.slice/y", 15);
	e = rstr_intern(set, "", 0);
	ok(a == b && a != c, "intern: equal bytes, one string");
	is_str(e, "", "intern: the empty string");
	is_int((int)rstr_set_count(set), 3, "intern: three strings");
	rstr_unref(b);
	rstr_unref(c);
	rstr_set_sweep(set);
	is_int((int)rstr_set_count(set), 2, "sweep: only the unheld one goes");
	is_str(a, "/system.slice/x", "sweep: a held string stays intact");
	/* enough to grow the table, then all let go but one: it shrinks */
	for (i = 0; i < 5000; i++) {
		snprintf(buf, sizeof(buf), "cmd %zu", i);
		rstr_unref(rstr_intern(set, buf, strlen(buf)));
	}
	for (i = 0; i < 5000; i += 7) {
		snprintf(buf, sizeof(buf), "cmd %zu", i);
		c = rstr_intern(set, buf, strlen(buf));
		bad += strcmp(c, buf) != 0;
		rstr_unref(c);
	}
	is_int(bad, 0, "intern: 5000 strings found again after growth");
	rstr_set_sweep(set);
	is_int((int)rstr_set_count(set), 2, "sweep: 5000 unheld strings go");
	b = rstr_intern(set, "/system.slice/x", 15);
	ok(a == b, "intern: found again after the table shrank");
	rstr_unref(a);
	rstr_unref(b);
	rstr_unref(e);
	rstr_set_free(set);
	/* a string held beyond its set's end lives on */
	set = rstr_set_new();
	a = rstr_intern(set, "kept", 4);
	rstr_set_free(set);
	is_str(a, "kept", "a string outlives its set");
	rstr_unref(a);
}

int
main(void)
{
	test_field_cmp();
	test_procs();
	test_cpu();
	test_copy_and_reuse();
	test_reserve();
	test_shared();
	test_intern();
	return tap_done();
}
