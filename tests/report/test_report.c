/* test_report.c: libreport on hand-built snapshots — the record writer's
 * exact JSON and CSV, process selection and order, the JSON and text
 * renderings with hostile names, write errors. Links libreport + core. */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/snapshot.h"
#include "report/report.h"
#include "fixture.h"
#include "../tap.h"

/* Output of a writer/renderer into a string. */
struct capture {
	char *buf;
	size_t len;
	FILE *f;
};

static FILE *
cap_open(struct capture *c)
{
	free(c->buf);
	c->buf = NULL;
	c->len = 0;
	c->f = open_memstream(&c->buf, &c->len);
	return c->f;
}

static const char *
cap_close(struct capture *c)
{
	fclose(c->f);
	return c->buf;
}

static void
test_rw_json(void)
{
	struct capture c = { 0 };
	struct rw *w = rw_new(cap_open(&c), RW_JSON, 0);

	rw_begin(w);
	rw_i64(w, "i", -5);
	rw_u64(w, "u", UINT64_MAX);
	rw_double(w, "d", 2.5, 2);
	rw_double(w, "nan", 0.0 / 0.0, 2);
	rw_null(w, "n");
	rw_bool(w, "t", true);
	rw_str(w, "s", "q\"\x1b");
	rw_str(w, "none", NULL);
	rw_obj(w, "o");
	rw_u64(w, "x", 1);
	rw_obj_end(w);
	rw_arr(w, "a");
	rw_u64(w, NULL, 1);
	rw_obj(w, NULL);
	rw_obj_end(w);
	rw_str(w, NULL, "z");
	rw_arr_end(w);
	rw_arr(w, "empty");
	rw_arr_end(w);
	is_int(rw_end(w), 0, "rw json: record written");
	rw_begin(w);
	rw_u64(w, "second", 2);
	rw_end(w);
	rw_free(w);
	is_str(cap_close(&c),
	    "{\"i\":-5,\"u\":18446744073709551615,\"d\":2.5,\"nan\":null,"
	    "\"n\":null,\"t\":true,\"s\":\"q\\\"\\u001b\",\"none\":null,"
	    "\"o\":{\"x\":1},\"a\":[1,{},\"z\"],\"empty\":[]}\n"
	    "{\"second\":2}\n", "rw json: exact JSON Lines");
	free(c.buf);
}

static void
test_rw_csv(void)
{
	struct capture c = { 0 };
	struct rw *w = rw_new(cap_open(&c), RW_CSV, 0);
	int k;

	for (k = 0; k < 2; k++) {
		rw_begin(w);
		rw_u64(w, "n", (uint64_t)k);
		rw_obj(w, "cpu");
		rw_double(w, "user", k ? 0.5 : 12, 2);
		rw_obj(w, "deep");
		rw_null(w, "x");
		rw_obj_end(w);
		rw_obj_end(w);
		rw_str(w, "s", k ? "a,\"b\"\nc" : "");
		rw_str(w, "unknown", NULL);
		rw_bool(w, "b", k != 0);
		rw_end(w);
	}
	rw_free(w);
	is_str(cap_close(&c),
	    "n,cpu.user,cpu.deep.x,s,unknown,b\n"
	    "0,12,,\"\",,false\n"
	    "1,0.5,,\"a,\"\"b\"\"\nc\",,true\n", "rw csv: header, quoting, nulls");

	w = rw_new(cap_open(&c), RW_CSV, RW_CSV_FORMULA_GUARD);
	rw_begin(w);
	rw_str(w, "f", "=cmd|' /C calc'!A0");
	rw_end(w);
	rw_free(w);
	is_str(cap_close(&c), "f\n'=cmd|' /C calc'!A0\n",
	    "rw csv: formula guard when asked");
	free(c.buf);
}

static void
pids_of(const struct snapshot *s, const struct report_opts *o, char *buf,
    size_t size)
{
	size_t *idx = NULL, cap = 0, n, i;

	buf[0] = '\0';
	n = report_select(s, o, &idx, &cap);
	for (i = 0; i < n; i++)
		snprintf(buf + strlen(buf), size - strlen(buf), "%s%d",
		    i ? "," : "", (int)s->proc[idx[i]].pid);
	free(idx);
}

static void
test_select(void)
{
	static const pid_t two[] = { 77, 1 };
	/* sample (1 or 2), key, reverse, -p 77,1, -u 1000: expected order */
	static const struct {
		int sample;
		const char *key;
		bool reverse, pids, uid;
		const char *want, *name;
	} cases[] = {
		{ 2, NULL, false, false, false, "1,42,77", "default is pid order" },
		{ 2, "rss", false, false, false, "77,1,42", "rss largest first" },
		{ 2, "rss", true, false, false, "42,1,77", "rss reversed" },
		{ 2, "cpu", false, false, false, "77,1,42",
		    "cpu on the second sample" },
		{ 1, "cpu", false, false, false, "1,42,77",
		    "cpu unknown on the first: pid order" },
		{ 2, "user", false, false, false, "42,77,1",
		    "user names ascending, ties by pid" },
		{ 2, "comm", false, false, false, "77,42,1", "comm ascending" },
		{ 2, "read", false, false, false, "1,42,77",
		    "unknown read_bytes sorts last" },
		{ 2, "read", true, false, false, "42,1,77",
		    "unknown last even reversed" },
		{ 2, "mem", false, true, false, "77,1", "-p keeps only listed pids" },
		{ 2, "mem", false, false, true, "77,42", "-u keeps only that uid" },
	};
	struct snapshot *a = snapshot_new(), *b = snapshot_new();
	char got[64];
	size_t i;

	fx_fill(a, 1);
	snapshot_derive(a, NULL);
	fx_fill(b, 2);
	snapshot_derive(b, a);
	b->proc[1].read_bytes = 0; /* pid 42: known 0, sorts before unknown */

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct report_opts o = {
			.sort = cases[i].key ? report_sort_find(cases[i].key) :
			    NULL,
			.reverse = cases[i].reverse,
			.pids = cases[i].pids ? two : NULL,
			.npids = cases[i].pids ? 2 : 0,
			.have_uid = cases[i].uid,
			.uid = 1000,
		};
		char name[80];

		pids_of(cases[i].sample == 1 ? a : b, &o, got, sizeof(got));
		snprintf(name, sizeof(name), "select: %s", cases[i].name);
		is_str(got, cases[i].want, name);
	}
	ok(report_sort_find("rss_bytes") != NULL, "sort: field names are keys");
	ok(report_sort_find("threads") != NULL, "sort: threads");
	ok(report_sort_find("bogus") == NULL, "sort: unknown key refused");
	is_str(report_sort_name(0), "cpu", "sort: names listed, aliases first");
	snapshot_free(a);
	snapshot_free(b);
}

static void
test_json_minimal(void)
{
	struct snapshot *s = snapshot_new();
	struct snap_proc *p;
	struct capture c = { 0 };
	struct rw *w = rw_new(cap_open(&c), RW_JSON, 0);

	s->seq = 7;
	s->areas = 1u << AREA_PROCESSES;
	p = snapshot_add_proc(s);
	p->pid = 5;
	p->comm = snapshot_str(s, "a\"b", 3);
	p->rss_bytes = 12345; /* not in have: must print null, not 12345 */
	HAVE_SET(p->have, PROC_PID);
	HAVE_SET(p->have, PROC_COMM);
	is_int(report_json(w, s, NULL), 0, "json: minimal snapshot written");
	rw_free(w);
	is_str(cap_close(&c), "{\"seq\":7,\"time\":\"1970-01-01T00:00:00.000Z\","
	    "\"wall_ns\":0,\"mono_ns\":0,\"interval_ns\":null,\"boot_id\":null,"
	    "\"ncpu_online\":null,\"cpu\":null,\"memory\":null,\"load\":null,"
	    "\"filesystems\":null,\"disks\":null,\"network\":null,"
	    "\"pressure\":null,\"quota\":null,\"processes\":[{\"pid\":5,"
	    "\"ppid\":null,\"uid\":null,\"user\":null,\"state\":null,"
	    "\"comm\":\"a\\\"b\",\"cmdline\":null,\"threads\":null,\"nice\":null,"
	    "\"start_time_ns\":null,\"user_time_ns\":null,"
	    "\"system_time_ns\":null,\"total_time_ns\":null,"
	    "\"usage_percent\":null,\"rss_bytes\":null,\"vms_bytes\":null,"
	    "\"swap_bytes\":null,\"shared_bytes\":null,\"data_bytes\":null,"
	    "\"stack_bytes\":null,\"read_bytes\":null,\"write_bytes\":null,"
	    "\"read_rate\":null,\"write_rate\":null,\"cgroup\":null}]}\n",
	    "json: unsampled areas and unknown fields are null");
	free(c.buf);
	snapshot_free(s);
}

static void
contains(const char *hay, const char *needle, const char *name)
{
	if (!ok(hay != NULL && strstr(hay, needle) != NULL, "%s", name))
		printf("#   missing: %s\n", needle);
}

static void
test_json_full(void)
{
	struct snapshot *a = snapshot_new(), *b = snapshot_new();
	struct capture c = { 0 };
	struct rw *w;
	const char *out;

	fx_fill(a, 1);
	snapshot_derive(a, NULL);
	fx_fill(b, 2);
	snapshot_derive(b, a);
	w = rw_new(cap_open(&c), RW_JSON, 0);
	report_json(w, b, NULL);
	rw_free(w);
	out = cap_close(&c);
	ok(strstr(out, "process_cgroups") == NULL,
	    "json: no process_cgroups unless given");
	/* CPU deltas are 2e9*(i+1) ns per state: busy share 54/72. */
	contains(out, "\"interval_ns\":1000000000,", "json: interval");
	contains(out, "\"steal_ns\":32000000000,", "json: cpu counters");
	contains(out, "\"user_percent\":2.78,", "json: cpu state share");
	contains(out, "\"guest_nice_percent\":27.78,\"usage_percent\":75}",
	    "json: cpu usage_percent");
	contains(out, "\"cpus\":[{\"id\":0,", "json: per-cpu array");
	contains(out, "\"usage_percent\":25},\"load\":{\"load1\":0.52,"
	    "\"load5\":0.58,\"load15\":1.5,\"tasks_running\":2,"
	    "\"tasks_total\":345}", "json: memory usage and load");
	contains(out, "\"mount\":\"/mnt/a,b \\\"c\\\"\\n\"", "json: mount escaped");
	contains(out, "\"reads_per_sec\":1000,", "json: disk rate");
	contains(out, "\"busy_percent\":25}", "json: disk busy percent");
	contains(out, "\"name\":\"wg\\u001b[31m\",\"up\":null,\"rx_bytes\":null",
	    "json: unknown link state and counters are null");
	contains(out, "\"rx_bytes_per_sec\":1000,", "json: network rate");
	contains(out, "\"cpu\":{\"some\":{\"avg10\":1.25,\"avg60\":0.5,"
	    "\"avg300\":0.1,\"total_ns\":200000000,\"stall_percent\":10},"
	    "\"full\":null}", "json: pressure, cpu full unknown");
	contains(out, "\"cpu_quota_ns\":\"unlimited\",\"cpu_period_ns\":100000000,"
	    "\"cpu_usage_ns\":null", "json: cgroup limits");
	contains(out, "\"core\":{\"soft\":0,\"hard\":\"unlimited\"}",
	    "json: rlimit soft 0 is a value, hard unlimited");
	contains(out, "\"comm\":\"evil\\u001b]0;pwned\\u0007\\n\\\"q\\\"\\\\"
	    "\xef\xbf\xbd\\u009b\",\"cmdline\":null",
	    "json: hostile comm escaped, missing cmdline null");
	contains(out, "\"pid\":77,", "json: process 77 present");
	contains(out, "\"total_time_ns\":1000000000,\"usage_percent\":50,",
	    "json: process usage_percent from the delta");
	contains(out, "\"read_bytes\":null,\"write_bytes\":null,\"read_rate\":null",
	    "json: unreadable io is null");
	ok(strchr(out, '\n') == out + strlen(out) - 1,
	    "json: exactly one line per snapshot");

	{
		struct snap_cgroup cg = { .version = 2, .path = "/a\"b" };
		const char *key = "0::/a\"b";
		struct report_opts o = { .cgroups = &cg, .cgroup_keys = &key,
		    .ncgroups = 1 };

		HAVE_SET(cg.have, QUOTA_MEM_LIMIT);
		cg.v[QUOTA_MEM_LIMIT] = 1024;
		w = rw_new(cap_open(&c), RW_JSON, 0);
		report_json(w, b, &o);
		rw_free(w);
		out = cap_close(&c);
		ok(strstr(out, "process_rlimits") == NULL,
		    "json: no process_rlimits unless given");
		contains(out, "\"process_cgroups\":[{\"cgroup\":\"0::/a\\\"b\","
		    "\"version\":2,\"path\":\"/a\\\"b\",\"cpu_quota_ns\":null,"
		    "\"cpu_period_ns\":null,\"cpu_usage_ns\":null,"
		    "\"memory_limit_bytes\":1024,", "json: process_cgroups listed");
	}
	{
		struct snap_rlimit rl = { 0 };
		pid_t pid = 77;
		struct report_opts o = { .rlimits = &rl, .rlimit_pids = &pid,
		    .nrlimits = 1 };

		HAVE_SET(rl.have, RLIM_NOFILE);
		rl.soft[RLIM_NOFILE] = 123;
		HAVE_SET(rl.hard_unlimited, RLIM_NOFILE);
		w = rw_new(cap_open(&c), RW_JSON, 0);
		report_json(w, b, &o);
		rw_free(w);
		out = cap_close(&c);
		contains(out, "\"process_rlimits\":[{\"pid\":77,\"rlimits\":{"
		    "\"cpu\":null,", "json: process_rlimits listed");
		contains(out, "\"nofile\":{\"soft\":123,\"hard\":\"unlimited\"}",
		    "json: process_rlimits values");
	}
	free(c.buf);
	snapshot_free(a);
	snapshot_free(b);
}

static void
test_csv_report(void)
{
	struct snapshot *a = snapshot_new();
	struct capture c = { 0 };
	struct rw *w;
	const char *out, *nl;
	char *head;
	struct report_opts o = { 0 };
	pid_t one = 1;

	fx_fill(a, 1);
	snapshot_derive(a, NULL);
	o.pids = &one;
	o.npids = 1;
	w = rw_new(cap_open(&c), RW_CSV, 0);
	report_csv(w, a, &o);
	report_csv(w, a, &o);
	rw_free(w);
	out = cap_close(&c);
	nl = strchr(out, '\n');
	head = strndup(out, nl ? (size_t)(nl - out) : strlen(out));
	is_str(head,
	    "seq,time,pid,ppid,uid,user,state,comm,cmdline,threads,nice,"
	    "start_time_ns,user_time_ns,system_time_ns,total_time_ns,"
	    "usage_percent,rss_bytes,vms_bytes,swap_bytes,shared_bytes,"
	    "data_bytes,stack_bytes,read_bytes,write_bytes,read_rate,write_rate,"
	    "cgroup", "csv: header row from proc_fields[]");
	free(head);
	is_str(nl + 1, "1,2026-11-18T11:06:40.000Z,1,1,0,root,S,systemd,"
	    "/sbin/init splash,1,0,1000000000,1505000000,1505000000,3010000000,"
	    ",12582912,50331648,0,6291456,3145728,135168,4096,8192,,,\n"
	    "1,2026-11-18T11:06:40.000Z,1,1,0,root,S,systemd,"
	    "/sbin/init splash,1,0,1000000000,1505000000,1505000000,3010000000,"
	    ",12582912,50331648,0,6291456,3145728,135168,4096,8192,,,\n",
	    "csv: one row per process, header once, unknown empty");
	free(c.buf);
	snapshot_free(a);
}

/* The line of out that starts with prefix, or NULL. */
static char *
line_starting(const char *out, const char *prefix)
{
	const char *p = out;

	while (p != NULL && *p) {
		if (strncmp(p, prefix, strlen(prefix)) == 0)
			return strndup(p, strcspn(p, "\n"));
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return NULL;
}

static void
test_text(void)
{
	struct snapshot *a = snapshot_new(), *b = snapshot_new();
	struct capture c = { 0 };
	struct report_opts o = { 0 };
	const unsigned char *u;
	const char *out, *p77, *p1;
	char *line;
	bool clean = true;

	fx_fill(a, 1);
	snapshot_derive(a, NULL);
	fx_fill(b, 2);
	snapshot_derive(b, a);
	o.sort = report_sort_find("cpu");
	is_int(report_text(cap_open(&c), b, &o), 0, "text: written");
	out = cap_close(&c);
	for (u = (const unsigned char *)out; *u; u++)
		if ((*u < 0x20 && *u != '\n') || *u == 0x7f ||
		    (u[0] == 0xc2 && u[1] >= 0x80 && u[1] <= 0x9f))
			clean = false;
	ok(clean, "text: no raw control character from the data");
	contains(out, "[evil\\x1b]0;pwned\\x07\\n\"q\"\\\\\\xff\\u009b]",
	    "text: hostile comm shown escaped, as [comm]");
	contains(out, "wg\\x1b[31m", "text: interface name escaped");
	line = line_starting(out, "MiB Mem :");
	is_str(line, "MiB Mem :   8192.0 total,   5120.0 free,   1024.0 used,"
	    "   1792.0 buff/cache", "text: memory line");
	free(line);
	line = line_starting(out, "%Cpu(s)");
	contains(line, "   2.8 us,", "text: cpu user share of the interval");
	free(line);
	contains(out, "Tasks:    3 total,    0 running,    3 sleeping",
	    "text: task states counted");
	p77 = strstr(out, "\n     77 ");
	p1 = strstr(out, "\n      1 ");
	ok(p77 != NULL && p1 != NULL && p77 < p1, "text: sorted by cpu");
	line = line_starting(p77 ? p77 + 1 : "", "     77 ");
	ok(line != NULL && strlen(line) > 4096, "text: full command line "
	    "without a width");
	contains(line, " 50.0 ", "text: %CPU of process 77");
	free(line);

	o.width = 100;
	report_text(cap_open(&c), b, &o);
	out = cap_close(&c);
	line = line_starting(strstr(out, "\n     77 ") + 1, "     77 ");
	is_int(line ? (long long)strlen(line) : -1, 100,
	    "text: width caps the process line");
	free(line);

	/* First sample: no interval, no process %CPU; CPU shows since boot. */
	report_text(cap_open(&c), a, &o);
	out = cap_close(&c);
	line = line_starting(strstr(out, "\n     77 ") + 1, "     77 ");
	contains(line, "      - ", "text: unknown %CPU shown as -");
	free(line);
	free(c.buf);
	snapshot_free(a);
	snapshot_free(b);
}

static void
test_write_errors(void)
{
	struct snapshot *a = snapshot_new();
	FILE *f = fopen("/dev/full", "w");
	struct rw *w;

	if (f == NULL) {
		ok(1, "write errors: no /dev/full here (skipped)");
		snapshot_free(a);
		return;
	}
	setvbuf(f, NULL, _IONBF, 0);
	fx_fill(a, 1);
	errno = 0;
	is_int(report_text(f, a, NULL), -1, "write errors: text reports them");
	is_int(errno, ENOSPC, "write errors: errno is ENOSPC");
	w = rw_new(f, RW_JSON, 0);
	is_int(report_json(w, a, NULL), -1, "write errors: json reports them");
	rw_free(w);
	w = rw_new(f, RW_CSV, 0);
	is_int(report_csv(w, a, NULL), -1, "write errors: csv reports them");
	rw_free(w);
	fclose(f);
	snapshot_free(a);
}

int
main(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "");
	test_rw_json();
	test_rw_csv();
	test_select();
	test_json_minimal();
	test_json_full();
	test_csv_report();
	test_text();
	test_write_errors();
	return tap_done();
}
