/*
 * pane_sys.c: the memory and swap, load and tasks, pressure and quota
 * panes. Each draws from ui->cur only; unknown values show as "-", an
 * area that was not sampled as "n/a". Depends on curses and core.
 */
#include "config.h"

#include "ui/ui_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static bool
sampled(const struct ui *ui, enum snap_area a)
{
	return ui->cur != NULL && (ui->cur->areas & (1u << a));
}

static void
na(struct ui *ui, const struct ui_rect *r, const char *title)
{
	char line[64];

	snprintf(line, sizeof(line), "%s n/a", title);
	ui_put(ui, r->y, r->x, r->w, line, ui_attr(ui, C_TITLE));
}

/* "1.2G" or "-" for an unknown value. */
static const char *
bytes_or_dash(char *buf, size_t len, uint32_t have, int bit, uint64_t v)
{
	if (!HAVE(have, bit))
		return "-";
	fmt_bytes(buf, len, v);
	return buf;
}

/* ---- memory and swap --------------------------------------------------- */

int
pane_memory_want(const struct ui *ui, int width)
{
	(void)width;
	return ui->cfg.cpu_numbers ? 3 : 2;
}

static double
pct_of(uint64_t v, uint64_t total)
{
	return total > 0 ? 100.0 * (double)v / (double)total : 0;
}

void
pane_memory_draw(struct ui *ui, const struct ui_rect *r)
{
	const struct snap_mem *m;
	struct bar_seg seg[4];
	char a[16], b[16], c[16], d[16], label[96];
	uint64_t total, cached, shared;

	if (!sampled(ui, AREA_MEMORY)) {
		na(ui, r, "Mem");
		return;
	}
	m = &ui->cur->mem;
	total = HAVE(m->have, MEM_TOTAL) ? m->v[MEM_TOTAL] : 0;
	cached = HAVE(m->have, MEM_CACHED) ? m->v[MEM_CACHED] : 0;
	shared = HAVE(m->have, MEM_SHARED) ? m->v[MEM_SHARED] : 0;
	if (shared > cached)
		shared = cached; /* shmem is counted in cached */
	seg[0] = (struct bar_seg){ HAVE(m->have, MEM_USED) ?
	    pct_of(m->v[MEM_USED], total) : 0, C_MEM_USED };
	seg[1] = (struct bar_seg){ pct_of(shared, total), C_MEM_SHARED };
	seg[2] = (struct bar_seg){ HAVE(m->have, MEM_BUFFERS) ?
	    pct_of(m->v[MEM_BUFFERS], total) : 0, C_MEM_BUFFERS };
	seg[3] = (struct bar_seg){ pct_of(cached - shared, total),
	    C_MEM_CACHED };
	snprintf(label, sizeof(label), "%s/%s",
	    bytes_or_dash(a, sizeof(a), m->have, MEM_USED, m->v[MEM_USED]),
	    bytes_or_dash(b, sizeof(b), m->have, MEM_TOTAL, total));
	ui_put(ui, r->y, r->x, 4, "Mem", ui_attr(ui, C_TITLE));
	bar_draw(ui, r->y, r->x + 4, r->w - 4, seg, 4, label,
	    BAR_USAGE_W);
	if (r->h < 2)
		return;
	seg[0] = (struct bar_seg){ HAVE(m->have, MEM_SWAP_USED) ?
	    pct_of(m->v[MEM_SWAP_USED], m->v[MEM_SWAP_TOTAL]) : 0,
	    C_MEM_USED };
	snprintf(label, sizeof(label), "%s/%s",
	    bytes_or_dash(a, sizeof(a), m->have, MEM_SWAP_USED,
	    m->v[MEM_SWAP_USED]),
	    bytes_or_dash(b, sizeof(b), m->have, MEM_SWAP_TOTAL,
	    m->v[MEM_SWAP_TOTAL]));
	ui_put(ui, r->y + 1, r->x, 4, "Swp", ui_attr(ui, C_TITLE));
	bar_draw(ui, r->y + 1, r->x + 4, r->w - 4, seg, 1, label,
	    BAR_USAGE_W);
	if (r->h < 3)
		return;
	snprintf(label, sizeof(label), "    buf %s cache %s shr %s avail %s",
	    bytes_or_dash(a, sizeof(a), m->have, MEM_BUFFERS,
	    m->v[MEM_BUFFERS]),
	    bytes_or_dash(b, sizeof(b), m->have, MEM_CACHED, cached),
	    bytes_or_dash(c, sizeof(c), m->have, MEM_SHARED,
	    m->v[MEM_SHARED]),
	    bytes_or_dash(d, sizeof(d), m->have, MEM_AVAILABLE,
	    m->v[MEM_AVAILABLE]));
	ui_put(ui, r->y + 2, r->x, r->w, label, A_NORMAL);
}

/* ---- load and tasks ---------------------------------------------------- */

/* What the load pane shows: "12.95 4.57 1.74" and the task counts as
 * items ("Tasks 46," "3 thr," "2 kthr;" "0 running"): the processes,
 * their other threads and the kernel threads when the processes were
 * sampled, else /proc/loadavg's total and runnable. */
struct load_items {
	char load[64], t[4][40];
	const char *item[4];
	int n;
	int width; /* of the items on one line, one space apart */
};

static void
load_items(const struct ui *ui, struct load_items *li)
{
	const struct snapshot *s = ui->cur;
	size_t i, kthr = 0, running = 0, nthr = 0;
	uint64_t thr = 0;
	int k;

	if (sampled(ui, AREA_LOAD) && HAVE(s->load.have, LOAD_1))
		snprintf(li->load, sizeof(li->load), "%.2f %.2f %.2f",
		    s->load.avg[0], s->load.avg[1], s->load.avg[2]);
	else
		strlcpy(li->load, "n/a", sizeof(li->load));
	li->n = 0;
	if (s != NULL && (s->areas & (1u << AREA_PROCESSES))) {
		for (i = 0; i < s->nproc; i++) {
			if (s->proc[i].thread) {
				nthr++;
				continue;
			}
			kthr += s->proc[i].kernel_thread;
			running += s->proc[i].state == 'R';
			if (!s->proc[i].kernel_thread && s->proc[i].threads > 0)
				thr += (uint64_t)s->proc[i].threads - 1;
		}
		snprintf(li->t[0], sizeof(li->t[0]), "Tasks %zu,",
		    s->nproc - nthr - kthr);
		snprintf(li->t[1], sizeof(li->t[1]), "%" PRIu64 " thr,", thr);
		snprintf(li->t[2], sizeof(li->t[2]), "%zu kthr;", kthr);
		snprintf(li->t[3], sizeof(li->t[3]), "%zu running", running);
		li->n = 4;
	} else if (sampled(ui, AREA_LOAD) && HAVE(s->load.have, LOAD_TASKS)) {
		snprintf(li->t[0], sizeof(li->t[0]), "Tasks %" PRIu32 ",",
		    s->load.tasks);
		snprintf(li->t[1], sizeof(li->t[1]), "%" PRIu32 " running",
		    s->load.running);
		li->n = 2;
	}
	li->width = 0;
	for (k = 0; k < li->n; k++) {
		li->item[k] = li->t[k];
		li->width += (k > 0) + (int)strlen(li->t[k]);
	}
}

/* One line where the load and the tasks fit side by side; else the
 * tasks below, wrapped whole. */
static bool
load_one_line(const struct load_items *li, int width)
{
	return (int)(sizeof("Load ") - 1 + strlen(li->load) + 2) +
	    li->width <= width;
}

int
pane_load_want(const struct ui *ui, int width)
{
	struct load_items li;

	load_items(ui, &li);
	if (li.n == 0 || load_one_line(&li, width))
		return 1;
	return 1 + ui_flow(NULL, 0, 0, width, 0, 0, 1, li.item, li.n);
}

void
pane_load_draw(struct ui *ui, const struct ui_rect *r)
{
	struct load_items li;
	int x;

	load_items(ui, &li);
	x = ui_put(ui, r->y, r->x, r->w, "Load ", ui_attr(ui, C_TITLE));
	x += ui_put(ui, r->y, r->x + x, r->w - x, li.load, A_NORMAL);
	if (li.n == 0)
		return;
	if (load_one_line(&li, r->w))
		ui_flow(ui, r->y, r->x + x + 2, r->w - x - 2, 1, 0, 1, li.item,
		    li.n);
	else
		ui_flow(ui, r->y + 1, r->x, r->w, r->h - 1, 0, 1, li.item,
		    li.n);
}

/* ---- pressure ---------------------------------------------------------- */

int
pane_pressure_want(const struct ui *ui, int width)
{
	(void)ui;
	(void)width;
	return 4;
}

/* "  memory    1.50   0.00   0.00   0.50   0.00   0.00": every average
 * fits from this width on; below it, avg10 alone. */
#define PSI_WIDE_W (2 + 7 + 1 + 20 + 1 + 20)

/* avg10/60/300 of one line, or avg10 alone when narrow. */
static void
psi_value(char *buf, size_t len, const struct psi_line *l, bool narrow)
{
	if (!l->have)
		snprintf(buf, len, narrow ? "%6s" : "%6s %6s %6s", "-", "-", "-");
	else if (narrow)
		snprintf(buf, len, "%6.2f", l->avg10);
	else
		snprintf(buf, len, "%6.2f %6.2f %6.2f", l->avg10, l->avg60,
		    l->avg300);
}

void
pane_pressure_draw(struct ui *ui, const struct ui_rect *r)
{
	char some[40], full[40], line[128];
	bool narrow = r->w < PSI_WIDE_W;
	int i;

	if (!sampled(ui, AREA_PRESSURE)) {
		na(ui, r, "Pressure");
		return;
	}
	ui_put(ui, r->y, r->x, r->w, narrow ?
	    "Pressure avg10    some   full" :
	    "Pressure  some avg10/60/300      full avg10/60/300",
	    ui_attr(ui, C_TITLE));
	for (i = 0; i < PSI_NRES && i + 1 < r->h; i++) {
		const struct snap_psi *p = &ui->cur->psi[i];

		psi_value(some, sizeof(some), &p->some, narrow);
		psi_value(full, sizeof(full), &p->full, narrow);
		snprintf(line, sizeof(line), "  %-7s %s%s %s",
		    psi_resource_names[i], narrow ? "       " : "", some, full);
		ui_put(ui, r->y + 1 + i, r->x, r->w, line, A_NORMAL);
	}
}

/* ---- quotas ------------------------------------------------------------ */

/* "used/limit" of a cgroup value pair; "max" for unlimited. */
static void
limit_pair(char *buf, size_t len, const struct snap_cgroup *g, int use,
    int lim, bool bytes)
{
	char u[16] = "-", l[16] = "-";

	if (HAVE(g->have, use)) {
		if (bytes)
			fmt_bytes(u, sizeof(u), g->v[use]);
		else
			snprintf(u, sizeof(u), "%" PRIu64, g->v[use]);
	}
	if (HAVE(g->unlimited, lim))
		snprintf(l, sizeof(l), "max");
	else if (HAVE(g->have, lim)) {
		if (bytes)
			fmt_bytes(l, sizeof(l), g->v[lim]);
		else
			snprintf(l, sizeof(l), "%" PRIu64, g->v[lim]);
	}
	snprintf(buf, len, "%s/%s", u, l);
}

static void
rlimit_pair(char *buf, size_t len, const struct snap_rlimit *rl, int f)
{
	char s[24] = "-", h[24] = "-";

	if (HAVE(rl->have, f)) {
		if (HAVE(rl->soft_unlimited, f))
			snprintf(s, sizeof(s), "inf");
		else
			snprintf(s, sizeof(s), "%" PRIu64, rl->soft[f]);
		if (HAVE(rl->hard_unlimited, f))
			snprintf(h, sizeof(h), "inf");
		else
			snprintf(h, sizeof(h), "%" PRIu64, rl->hard[f]);
	}
	snprintf(buf, len, "%s/%s", s, h);
}

/* The items of the cgroup line and of the rlimit line, in buffers of
 * struct quota_items. */
struct quota_items {
	char cpu[56], mem[56], pids[56], nofile[72], nproc[56];
	const char *cg[3], *rl[2];
};

static void
quota_items(const struct snapshot *s, struct quota_items *q)
{
	const struct snap_cgroup *g = &s->cgroup;
	char a[48];

	if (HAVE(g->unlimited, QUOTA_CPU_QUOTA_NS))
		snprintf(a, sizeof(a), "max");
	else if (HAVE(g->have, QUOTA_CPU_QUOTA_NS) &&
	    HAVE(g->have, QUOTA_CPU_PERIOD_NS) && g->v[QUOTA_CPU_PERIOD_NS] > 0)
		snprintf(a, sizeof(a), "%.2f cores",
		    (double)g->v[QUOTA_CPU_QUOTA_NS] /
		    (double)g->v[QUOTA_CPU_PERIOD_NS]);
	else
		snprintf(a, sizeof(a), "-");
	snprintf(q->cpu, sizeof(q->cpu), "cpu %s", a);
	limit_pair(a, sizeof(a), g, QUOTA_MEM_USAGE, QUOTA_MEM_LIMIT, true);
	snprintf(q->mem, sizeof(q->mem), "mem %s", a);
	limit_pair(a, sizeof(a), g, QUOTA_PIDS_CURRENT, QUOTA_PIDS_LIMIT,
	    false);
	snprintf(q->pids, sizeof(q->pids), "pids %s", a);
	rlimit_pair(a, sizeof(a), &s->rlimit, RLIM_NOFILE);
	snprintf(q->nofile, sizeof(q->nofile), "rlimit nofile %s", a);
	rlimit_pair(a, sizeof(a), &s->rlimit, RLIM_NPROC);
	snprintf(q->nproc, sizeof(q->nproc), "nproc %s", a);
	q->cg[0] = q->cpu;
	q->cg[1] = q->mem;
	q->cg[2] = q->pids;
	q->rl[0] = q->nofile;
	q->rl[1] = q->nproc;
}

/* The title, then the limits wrapped whole where the pane is narrow. */
int
pane_quota_want(const struct ui *ui, int width)
{
	struct quota_items q;
	int n = 1;

	if (ui->cur == NULL || !(ui->cur->areas & (1u << AREA_QUOTA)))
		return 3;
	quota_items(ui->cur, &q);
	if (ui->cur->cgroup.version != 0)
		n += ui_flow(NULL, 0, 0, width, 0, 2, 2, q.cg, 3);
	return n + ui_flow(NULL, 0, 0, width, 0, 2, 2, q.rl, 2);
}

void
pane_quota_draw(struct ui *ui, const struct ui_rect *r)
{
	const struct snap_cgroup *g;
	struct quota_items q;
	char line[32];
	int x, y = r->y + 1;

	if (!sampled(ui, AREA_QUOTA)) {
		na(ui, r, "Quota");
		return;
	}
	g = &ui->cur->cgroup;
	x = ui_put(ui, r->y, r->x, r->w, "Quota cgroup", ui_attr(ui, C_TITLE));
	if (g->version == 0)
		ui_put(ui, r->y, r->x + x, r->w - x, " none", A_NORMAL);
	else {
		snprintf(line, sizeof(line), " v%d ", g->version);
		x += ui_put(ui, r->y, r->x + x, r->w - x, line, A_NORMAL);
		ui_put_text(ui, r->y, r->x + x, r->w - x, g->path != NULL ?
		    g->path : "?", A_NORMAL);
	}
	quota_items(ui->cur, &q);
	if (g->version != 0)
		y += ui_flow(ui, y, r->x, r->w, r->y + r->h - y, 2, 2, q.cg, 3);
	if (y < r->y + r->h)
		ui_flow(ui, y, r->x, r->w, r->y + r->h - y, 2, 2, q.rl, 2);
}
