/* snapdiff.c: what changed between two snapshots, as sorted lists.
 * libc only. */
#include "config.h"

#include "core/snapdiff.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

static void
list_add(struct snapdiff_list *l, const struct snap_proc *a,
    const struct snap_proc *b, int64_t delta)
{
	l->v = xgrow(l->v, &l->cap, l->n, sizeof *l->v);
	l->v[l->n].a = a;
	l->v[l->n].b = b;
	l->v[l->n].delta = delta;
	l->n++;
}

static const struct snap_proc *
entry_proc(const struct snapdiff_entry *e)
{
	return e->b != NULL ? e->b : e->a;
}

/* Largest delta first, then pid, then start time: a total order. */
static int
entry_cmp(const void *va, const void *vb)
{
	const struct snapdiff_entry *x = va, *y = vb;
	const struct snap_proc *p = entry_proc(x), *q = entry_proc(y);

	if (x->delta != y->delta)
		return x->delta > y->delta ? -1 : 1;
	if (p->pid != q->pid)
		return p->pid < q->pid ? -1 : 1;
	if (p->start_time_ns != q->start_time_ns)
		return p->start_time_ns < q->start_time_ns ? -1 : 1;
	return 0;
}

static int64_t
rss_or_zero(const struct snap_proc *p)
{
	return HAVE(p->have, PROC_RSS) ? (int64_t)p->rss_bytes : 0;
}

static int
same_proc(const struct snap_proc *p, const struct snap_proc *q)
{
	return p->pid == q->pid && p->start_time_ns == q->start_time_ns;
}

static void
both(struct snapdiff *d, const struct snap_proc *p, const struct snap_proc *q)
{
	if (HAVE(p->have, PROC_RSS) && HAVE(q->have, PROC_RSS) &&
	    q->rss_bytes > p->rss_bytes)
		list_add(&d->grew, p, q, (int64_t)(q->rss_bytes - p->rss_bytes));
	if (HAVE(p->have, PROC_TOTAL_TIME) && HAVE(q->have, PROC_TOTAL_TIME) &&
	    q->total_time_ns > p->total_time_ns)
		list_add(&d->cpu, p, q,
		    (int64_t)(q->total_time_ns - p->total_time_ns));
}

static void
appeared(struct snapdiff *d, const struct snap_proc *q)
{
	list_add(&d->appeared, NULL, q, rss_or_zero(q));
	if (HAVE(q->have, PROC_TOTAL_TIME) && q->total_time_ns > 0)
		list_add(&d->cpu, NULL, q, (int64_t)q->total_time_ns);
}

void
snapdiff_compute(struct snapdiff *d, const struct snapshot *a,
    const struct snapshot *b)
{
	size_t i = 0, j = 0, k;

	memset(d, 0, sizeof *d);
	d->elapsed_ns = b->wall_ns - a->wall_ns;

	/* Merge walk over the two pid-sorted lists. Several entries may share
	 * a pid only in a hostile snapshot; equal pids pair up in order. */
	while (i < a->nproc || j < b->nproc) {
		const struct snap_proc *p = i < a->nproc ? &a->proc[i] : NULL;
		const struct snap_proc *q = j < b->nproc ? &b->proc[j] : NULL;

		if (q == NULL || (p != NULL && p->pid < q->pid)) {
			list_add(&d->disappeared, p, NULL, rss_or_zero(p));
			i++;
		} else if (p == NULL || q->pid < p->pid) {
			appeared(d, q);
			j++;
		} else if (same_proc(p, q)) {
			both(d, p, q);
			i++;
			j++;
		} else {
			/* pid reused: the old one is gone, the new one came */
			list_add(&d->disappeared, p, NULL, rss_or_zero(p));
			appeared(d, q);
			i++;
			j++;
		}
	}

	{
		struct snapdiff_list *l[] = { &d->appeared, &d->disappeared,
			&d->grew, &d->cpu };

		for (k = 0; k < 4; k++)
			if (l[k]->n > 1)
				qsort(l[k]->v, l[k]->n, sizeof *l[k]->v,
				    entry_cmp);
	}
}

void
snapdiff_free(struct snapdiff *d)
{
	free(d->appeared.v);
	free(d->disappeared.v);
	free(d->grew.v);
	free(d->cpu.v);
	memset(d, 0, sizeof *d);
}
