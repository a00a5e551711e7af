/* select.c: which processes a report shows and in what order: -p, -u and
 * the data-driven sort key table. Depends on core. */
#include "config.h"

#include "report/report.h"

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

/*
 * Short names people type (top/htop habits), each mapped to a field of
 * proc_fields[]; every field name is a key as well. Numbers sort largest
 * first, except identities (pid, ppid, uid, nice) and text, which sort
 * ascending. Unknown values always sort last.
 */
struct report_sort_key {
	const char *name;
	const char *field; /* a proc_fields[] name */
};

static const struct report_sort_key sort_aliases[] = {
	{ "cpu", "usage_percent" },
	{ "rss", "rss_bytes" },
	{ "mem", "rss_bytes" },
	{ "time", "total_time_ns" },
	{ "vms", "vms_bytes" },
	{ "virt", "vms_bytes" },
	{ "swap", "swap_bytes" },
	{ "shared", "shared_bytes" },
	{ "data", "data_bytes" },
	{ "stack", "stack_bytes" },
	{ "read", "read_bytes" },
	{ "write", "write_bytes" },
	{ "start", "start_time_ns" },
};
#define NALIASES (sizeof(sort_aliases) / sizeof(sort_aliases[0]))

static const struct field_desc *
field_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < proc_nfields; i++)
		if (strcmp(proc_fields[i].name, name) == 0)
			return &proc_fields[i];
	return NULL;
}

/* Field names are keys too: a static table parallel to proc_fields[],
 * filled on first use. */
static struct report_sort_key field_keys[PROC_NFIELDS];

const struct report_sort_key *
report_sort_find(const char *name)
{
	size_t i;

	for (i = 0; i < NALIASES; i++)
		if (strcmp(sort_aliases[i].name, name) == 0)
			return &sort_aliases[i];
	for (i = 0; i < proc_nfields && i < PROC_NFIELDS; i++)
		if (strcmp(proc_fields[i].name, name) == 0) {
			field_keys[i].name = proc_fields[i].name;
			field_keys[i].field = proc_fields[i].name;
			return &field_keys[i];
		}
	return NULL;
}

const char *
report_sort_name(size_t i)
{
	if (i < NALIASES)
		return sort_aliases[i].name;
	i -= NALIASES;
	return i < proc_nfields ? proc_fields[i].name : NULL;
}

int
report_parse_user(const char *s, uid_t *uid)
{
	struct passwd *pw;
	const char *errstr;
	long long v;

	if (s == NULL || *s == '\0')
		return -1;
	if ((pw = getpwnam(s)) != NULL) {
		*uid = pw->pw_uid;
		return 0;
	}
	v = strtonum(s, 0, UINT_MAX - 1, &errstr);
	if (errstr != NULL)
		return -1;
	*uid = (uid_t)v;
	return 0;
}

struct sort_ctx {
	const struct snapshot *s;
	const struct field_desc *f;
	int dir; /* 1 ascending, -1 descending */
};

static int
cmp_proc(const void *va, const void *vb, void *vctx)
{
	const struct sort_ctx *c = vctx;
	const struct snap_proc *a = &c->s->proc[*(const size_t *)va];
	const struct snap_proc *b = &c->s->proc[*(const size_t *)vb];
	uint64_t bit = UINT64_C(1) << c->f->bit;
	int ha = (a->have & bit) != 0, hb = (b->have & bit) != 0;
	int r = 0;

	if (ha != hb)
		return hb - ha; /* unknown last, whatever the direction */
	if (ha)
		r = c->dir * proc_field_cmp(a, b, c->f);
	if (r == 0)
		r = (a->pid > b->pid) - (a->pid < b->pid);
	return r;
}

static bool
ascending_by_nature(const struct field_desc *f)
{
	return f->type == FT_STR || f->type == FT_CHAR || f->type == FT_PID ||
	    f->type == FT_UID || f->bit == PROC_NICE;
}

static bool
pid_wanted(const struct report_opts *o, pid_t pid)
{
	size_t i;

	for (i = 0; i < o->npids; i++)
		if (o->pids[i] == pid)
			return true;
	return false;
}

size_t
report_select(const struct snapshot *s, const struct report_opts *o,
    size_t **idx, size_t *cap)
{
	struct sort_ctx ctx;
	size_t i, n = 0;

	for (i = 0; i < s->nproc; i++) {
		const struct snap_proc *p = &s->proc[i];

		if (o != NULL && o->npids > 0 && !pid_wanted(o, p->pid))
			continue;
		if (o != NULL && o->have_uid &&
		    (!HAVE(p->have, PROC_UID) || p->uid != o->uid))
			continue;
		*idx = xgrow(*idx, cap, n, sizeof(**idx));
		(*idx)[n++] = i;
	}
	if (o == NULL || (o->sort == NULL && !o->reverse))
		return n; /* the snapshot is pid-sorted already */
	ctx.s = s;
	ctx.f = field_by_name(o->sort != NULL ? o->sort->field : "pid");
	if (ctx.f == NULL)
		return n; /* a table entry naming no field: a bug, keep pid order */
	ctx.dir = ascending_by_nature(ctx.f) ? 1 : -1;
	if (o->reverse)
		ctx.dir = -ctx.dir;
	if (n > 1)
		qsort_r(*idx, n, sizeof(**idx), cmp_proc, &ctx);
	return n;
}
