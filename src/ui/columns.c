/*
 * columns.c: the process table's columns as data — title, width, what
 * probe field each needs, how it sorts and prints. Pure; libc only.
 */
#include "config.h"

#include "ui/ui_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

const struct ui_column ui_columns[COL_N] = {
	[COL_PID] = { "pid", "PID", 7, false, false, PROC_PID, "process id" },
	[COL_USER] = { "user", "USER", 9, true, false, PROC_USER, "owner" },
	[COL_STATE] = { "state", "S", 1, true, false, PROC_STATE, "state" },
	[COL_CPU] = { "cpu", "CPU%", 5, false, true, PROC_USAGE_PERCENT,
	    "CPU usage, 100 per core" },
	[COL_MEM] = { "mem", "MEM%", 5, false, true, PROC_RSS,
	    "resident memory share" },
	[COL_RSS] = { "rss", "RSS", 5, false, true, PROC_RSS,
	    "resident memory" },
	[COL_VIRT] = { "virt", "VIRT", 5, false, true, PROC_VMS,
	    "virtual memory" },
	[COL_SWAP] = { "swap", "SWAP", 5, false, true, PROC_SWAP,
	    "swapped out" },
	[COL_SHR] = { "shr", "SHR", 5, false, true, PROC_SHARED,
	    "shared memory" },
	[COL_DATA] = { "data", "DATA", 5, false, true, PROC_DATA,
	    "data + stack size" },
	[COL_STACK] = { "stack", "STACK", 5, false, true, PROC_STACK,
	    "stack size" },
	[COL_UTIME] = { "utime", "UTIME", 8, false, true, PROC_USER_TIME,
	    "user CPU time" },
	[COL_STIME] = { "stime", "STIME", 8, false, true, PROC_SYSTEM_TIME,
	    "system CPU time" },
	[COL_TIME] = { "time", "TIME+", 8, false, true, PROC_TOTAL_TIME,
	    "total CPU time" },
	[COL_READ] = { "read", "READ/s", 6, false, true, PROC_READ_RATE,
	    "storage reads per second" },
	[COL_WRITE] = { "write", "WRITE/s", 7, false, true, PROC_WRITE_RATE,
	    "storage writes per second" },
	[COL_THREADS] = { "threads", "THR", 4, false, true, PROC_THREADS,
	    "threads" },
	[COL_NICE] = { "nice", "NI", 3, false, false, PROC_NICE, "nice value" },
	[COL_COMMAND] = { "command", "COMMAND", 0, true, false, PROC_CMDLINE,
	    "command line, or [comm]" },
};

static const struct {
	const char *alias;
	enum ui_col col;
} aliases[] = {
	{ "rss_bytes", COL_RSS }, { "memory", COL_RSS }, { "%mem", COL_MEM },
	{ "%cpu", COL_CPU }, { "usage_percent", COL_CPU },
	{ "total_time_ns", COL_TIME }, { "cputime", COL_TIME },
	{ "vms_bytes", COL_VIRT }, { "vms", COL_VIRT }, { "comm", COL_COMMAND },
	{ "swap_bytes", COL_SWAP }, { "shared_bytes", COL_SHR },
	{ "data_bytes", COL_DATA }, { "stack_bytes", COL_STACK },
	{ "user_time_ns", COL_UTIME }, { "system_time_ns", COL_STIME },
	{ "read_rate", COL_READ }, { "read_bytes", COL_READ },
	{ "write_rate", COL_WRITE }, { "write_bytes", COL_WRITE },
	{ "cmdline", COL_COMMAND }, { "name", COL_COMMAND },
};

int
col_by_name(const char *s)
{
	size_t i;

	if (s == NULL)
		return -1;
	for (i = 0; i < COL_N; i++)
		if (strcasecmp(s, ui_columns[i].name) == 0 ||
		    strcasecmp(s, ui_columns[i].title) == 0)
			return (int)i;
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcasecmp(s, aliases[i].alias) == 0)
			return (int)aliases[i].col;
	return -1;
}

static bool
known(const struct snap_proc *p, enum ui_col c)
{
	if (c == COL_COMMAND)
		return HAVE(p->have, PROC_CMDLINE) || HAVE(p->have, PROC_COMM);
	if (c == COL_USER)
		return HAVE(p->have, PROC_USER) || HAVE(p->have, PROC_UID);
	return HAVE(p->have, ui_columns[c].need);
}

void
col_format(enum ui_col c, const struct snap_proc *p, uint64_t mem_total,
    char *buf, size_t len)
{
	if (!known(p, c) || (c == COL_MEM && mem_total == 0)) {
		snprintf(buf, len, "-");
		return;
	}
	switch (c) {
	case COL_PID:
		snprintf(buf, len, "%ld", (long)p->pid);
		break;
	case COL_USER:
		/* untrusted: the caller sanitises strings */
		if (p->user != NULL && HAVE(p->have, PROC_USER))
			snprintf(buf, len, "%s", p->user);
		else
			snprintf(buf, len, "%lu", (unsigned long)p->uid);
		break;
	case COL_STATE:
		snprintf(buf, len, "%c", p->state >= 0x21 && p->state < 0x7f ?
		    p->state : '?');
		break;
	case COL_CPU:
		fmt_percent(buf, len, p->usage_percent);
		break;
	case COL_MEM:
		fmt_percent(buf, len, 100.0 * (double)p->rss_bytes /
		    (double)mem_total);
		break;
	case COL_RSS:
		fmt_bytes(buf, len, p->rss_bytes);
		break;
	case COL_VIRT:
		fmt_bytes(buf, len, p->vms_bytes);
		break;
	case COL_SWAP:
		fmt_bytes(buf, len, p->swap_bytes);
		break;
	case COL_SHR:
		fmt_bytes(buf, len, p->shared_bytes);
		break;
	case COL_DATA:
		fmt_bytes(buf, len, p->data_bytes);
		break;
	case COL_STACK:
		fmt_bytes(buf, len, p->stack_bytes);
		break;
	case COL_UTIME:
		fmt_duration(buf, len, p->user_time_ns);
		break;
	case COL_STIME:
		fmt_duration(buf, len, p->system_time_ns);
		break;
	case COL_TIME:
		fmt_duration(buf, len, p->total_time_ns);
		break;
	case COL_READ:
		fmt_rate(buf, len, p->read_rate);
		break;
	case COL_WRITE:
		fmt_rate(buf, len, p->write_rate);
		break;
	case COL_THREADS:
		snprintf(buf, len, "%" PRId32, p->threads);
		break;
	case COL_NICE:
		snprintf(buf, len, "%" PRId32, p->nice);
		break;
	case COL_COMMAND:
		if (p->thread)	/* its own name: which thread of the process */
			snprintf(buf, len, "%s", p->comm != NULL ? p->comm : "");
		else if (p->cmdline != NULL && HAVE(p->have, PROC_CMDLINE) &&
		    p->cmdline[0] != '\0')
			snprintf(buf, len, "%s", p->cmdline);
		else
			snprintf(buf, len, "[%s]", p->comm != NULL ? p->comm : "");
		break;
	case COL_N:
		break;
	}
}

#define CMP(a, b) ((a) < (b) ? -1 : (a) > (b))

static int
cmp_str(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "");
}

static const char *
command_of(const struct snap_proc *p)
{
	if (p->cmdline != NULL && HAVE(p->have, PROC_CMDLINE) &&
	    p->cmdline[0] != '\0')
		return p->cmdline;
	return p->comm;
}

int
col_compare(enum ui_col c, const struct snap_proc *a, const struct snap_proc *b)
{
	switch (c) {
	case COL_PID:
		return CMP(a->pid, b->pid);
	case COL_USER:
		if (a->user != NULL && b->user != NULL)
			return cmp_str(a->user, b->user);
		return CMP(a->uid, b->uid);
	case COL_STATE:
		return CMP(a->state, b->state);
	case COL_CPU:
		return CMP(a->usage_percent, b->usage_percent);
	case COL_MEM:
	case COL_RSS:
		return CMP(a->rss_bytes, b->rss_bytes);
	case COL_VIRT:
		return CMP(a->vms_bytes, b->vms_bytes);
	case COL_SWAP:
		return CMP(a->swap_bytes, b->swap_bytes);
	case COL_SHR:
		return CMP(a->shared_bytes, b->shared_bytes);
	case COL_DATA:
		return CMP(a->data_bytes, b->data_bytes);
	case COL_STACK:
		return CMP(a->stack_bytes, b->stack_bytes);
	case COL_UTIME:
		return CMP(a->user_time_ns, b->user_time_ns);
	case COL_STIME:
		return CMP(a->system_time_ns, b->system_time_ns);
	case COL_TIME:
		return CMP(a->total_time_ns, b->total_time_ns);
	case COL_READ:
		return CMP(a->read_rate, b->read_rate);
	case COL_WRITE:
		return CMP(a->write_rate, b->write_rate);
	case COL_THREADS:
		return CMP(a->threads, b->threads);
	case COL_NICE:
		return CMP(a->nice, b->nice);
	case COL_COMMAND:
		return cmp_str(command_of(a), command_of(b));
	case COL_N:
		break;
	}
	return 0;
}

bool
col_known(const struct snap_proc *p, enum ui_col c)
{
	return known(p, c);
}
