/* report_text.c: a snapshot as text like `top -b`: every area, then the
 * process table. Text from the system goes through the terminal
 * sanitiser. Depends on core. */
#include "config.h"

#include "report/report.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/xalloc.h"

struct out {
	struct textbuf b;
	const struct report_opts *o;
	int flags; /* text_sanitize() flags */
};

/* Sanitised s, padded with spaces to width columns (left aligned) or cut
 * to width - 1 columns plus '+' when longer (as top does). width < 0: as
 * it is. */
static void
put_name(struct out *t, const char *s, int width)
{
	char buf[512];
	int cols;

	if (s == NULL)
		s = "-";
	if (width < 0) {
		text_sanitize_buf(&t->b, s, strlen(s), t->flags);
		return;
	}
	if (text_width(s, strlen(s), t->flags) > width) {
		text_sanitize(buf, sizeof(buf), s, strlen(s), width - 1,
		    t->flags, &cols);
		textbuf_adds(&t->b, buf);
		textbuf_addc(&t->b, '+');
		cols++;
	} else
		cols = text_sanitize_buf(&t->b, s, strlen(s), t->flags);
	for (; cols < width; cols++)
		textbuf_addc(&t->b, ' ');
}

/* A byte count in 4 significant characters and a unit: "512", "1.5K". */
static void
put_human(struct out *t, int width, bool have, double v)
{
	static const char units[] = "KMGTPE";
	int u = -1;

	if (!have) {
		textbuf_printf(&t->b, "%*s", width, "-");
		return;
	}
	while (v >= 1024 && u < 5) {
		v /= 1024;
		u++;
	}
	if (u < 0)
		textbuf_printf(&t->b, "%*.0f", width, v);
	else
		textbuf_printf(&t->b, "%*.*f%c", width - 1, v < 10 ? 1 : 0, v,
		    units[u]);
}

static void
put_dbl(struct out *t, int width, int prec, bool have, double v)
{
	if (have)
		textbuf_printf(&t->b, "%*.*f", width, prec, v);
	else
		textbuf_printf(&t->b, "%*s", width, "-");
}

static void
put_mib(struct out *t, const struct snap_mem *m, int f, const char *label)
{
	put_dbl(t, 9, 1, HAVE(m->have, f), (double)m->v[f] / (1024.0 * 1024));
	textbuf_printf(&t->b, " %s", label);
}

static bool
area(const struct snapshot *s, int a)
{
	return (s->areas & (1u << a)) != 0;
}

/* True, after a "Label: unavailable" line, when area a was not sampled. */
static bool
unavailable(struct out *t, const struct snapshot *s, int a, const char *label)
{
	if (area(s, a))
		return false;
	textbuf_printf(&t->b, "%s %s\n", label, _("unavailable"));
	return true;
}

static void
text_summary(struct out *t, const struct snapshot *s)
{
	time_t secs = (time_t)(s->wall_ns / 1000000000);
	struct tm tm;
	char when[32] = "-";
	size_t i;
	unsigned running = 0, sleeping = 0, stopped = 0, zombie = 0;

	if (localtime_r(&secs, &tm) != NULL)
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
	textbuf_printf(&t->b, "histop - %s, ", when);
	if (s->interval_ns > 0)
		textbuf_printf(&t->b, _("interval %.2f s"),
		    (double)s->interval_ns / 1e9);
	else
		textbuf_printf(&t->b, _("sample %llu"),
		    (unsigned long long)s->seq);
	textbuf_printf(&t->b, ", %s", _("load average:"));
	for (i = 0; i < 3; i++) {
		textbuf_adds(&t->b, i ? "," : "");
		put_dbl(t, 5, 2, area(s, AREA_LOAD) && HAVE(s->load.have, i),
		    s->load.avg[i]);
	}
	textbuf_addc(&t->b, '\n');

	if (!area(s, AREA_PROCESSES)) {
		textbuf_printf(&t->b, "%s ", _("Tasks:"));
		put_dbl(t, 4, 0, area(s, AREA_LOAD) &&
		    HAVE(s->load.have, LOAD_TASKS), s->load.tasks);
		textbuf_printf(&t->b, " %s,", _("total"));
		put_dbl(t, 4, 0, area(s, AREA_LOAD) &&
		    HAVE(s->load.have, LOAD_RUNNING), s->load.running);
		textbuf_printf(&t->b, " %s\n", _("running"));
		return;
	}
	for (i = 0; i < s->nproc; i++) {
		switch (s->proc[i].state) {
		case 'R': running++; break;
		case 'T': case 't': stopped++; break;
		case 'Z': zombie++; break;
		default: sleeping++; break;
		}
	}
	textbuf_printf(&t->b, _("Tasks: %4zu total, %4u running, %4u sleeping, "
	    "%4u stopped, %4u zombie\n"), s->nproc, running, sleeping, stopped,
	    zombie);
}

static void
text_cpu_line(struct out *t, const char *label, const struct snap_cpu *c)
{
	static const char *const abbrev[CPU_NFIELDS] = {
		"us", "ni", "sy", "id", "wa", "hi", "si", "st", "gu", "gn",
	};
	double share[CPU_NFIELDS];
	uint64_t total = 0;
	bool since_boot = !c->have_pct;
	int i;

	/* Before a second sample there is no interval: show the shares since
	 * boot, as top does for its first iteration. */
	for (i = 0; i < CPU_NFIELDS; i++)
		if (HAVE(c->have, i) && i != CPU_GUEST && i != CPU_GUEST_NICE)
			total += c->ns[i];
	for (i = 0; i < CPU_NFIELDS; i++)
		share[i] = since_boot ? (total ? 100.0 * (double)c->ns[i] /
		    (double)total : 0) : c->pct[i];
	textbuf_printf(&t->b, "%-8s:", label);
	for (i = 0; i < CPU_NFIELDS; i++) {
		put_dbl(t, 6, 1, HAVE(c->have, i) && (total || !since_boot),
		    share[i]);
		textbuf_printf(&t->b, " %s%s", abbrev[i],
		    i + 1 < CPU_NFIELDS ? "," : "");
	}
	textbuf_addc(&t->b, '\n');
}

static void
text_cpu(struct out *t, const struct snapshot *s)
{
	char label[32];
	size_t i;

	if (!area(s, AREA_CPU) || s->ncpu == 0) {
		textbuf_printf(&t->b, "%%Cpu(s) : %s\n", _("unavailable"));
		return;
	}
	text_cpu_line(t, "%Cpu(s)", &s->cpu[0]);
	for (i = 1; i < s->ncpu; i++) {
		snprintf(label, sizeof(label), "%%Cpu%d", s->cpu[i].id);
		text_cpu_line(t, label, &s->cpu[i]);
	}
}

static void
text_memory(struct out *t, const struct snapshot *s)
{
	const struct snap_mem *m = &s->mem;
	struct snap_mem none = { 0 };

	if (!area(s, AREA_MEMORY))
		m = &none;
	textbuf_adds(&t->b, "MiB Mem :");
	put_mib(t, m, MEM_TOTAL, _("total,"));
	put_mib(t, m, MEM_FREE, _("free,"));
	put_mib(t, m, MEM_USED, _("used,"));
	put_mib(t, m, MEM_CACHED, _("buff/cache"));
	textbuf_addc(&t->b, '\n');
	textbuf_adds(&t->b, "MiB Swap:");
	put_mib(t, m, MEM_SWAP_TOTAL, _("total,"));
	put_mib(t, m, MEM_SWAP_FREE, _("free,"));
	put_mib(t, m, MEM_SWAP_USED, _("used."));
	put_mib(t, m, MEM_AVAILABLE, _("avail Mem"));
	textbuf_addc(&t->b, '\n');
}

static void
text_pressure(struct out *t, const struct snapshot *s)
{
	int r;

	if (unavailable(t, s, AREA_PRESSURE, _("Pressure:")))
		return;
	textbuf_printf(&t->b, "%-9s %s\n", _("Pressure"),
	    "some avg10 avg60 avg300 stall%   full avg10 avg60 avg300 stall%");
	for (r = 0; r < PSI_NRES; r++) {
		const struct psi_line *l[2] = { &s->psi[r].some, &s->psi[r].full };
		int k;

		textbuf_printf(&t->b, "%-13s", psi_resource_names[r]);
		for (k = 0; k < 2; k++) {
			put_dbl(t, 6, 2, l[k]->have, l[k]->avg10);
			put_dbl(t, 6, 2, l[k]->have, l[k]->avg60);
			put_dbl(t, 7, 2, l[k]->have, l[k]->avg300);
			put_dbl(t, 7, 2, l[k]->have_rate, l[k]->rate);
			textbuf_adds(&t->b, k == 0 ? "        " : "\n");
		}
	}
}

static void
text_filesystems(struct out *t, const struct snapshot *s)
{
	size_t i;

	if (unavailable(t, s, AREA_DISK, _("Disks:")))
		return;
	textbuf_printf(&t->b, "%-20s %-8s %7s %7s %7s %4s %7s %5s %s\n",
	    _("Filesystem"), _("Type"), _("Size"), _("Used"), _("Avail"),
	    "Use%", _("Inodes"), "IUse%", _("Mounted on"));
	for (i = 0; i < s->nfs; i++) {
		const struct snap_fs *f = &s->fs[i];
		bool hs = HAVE(f->have, FS_SIZE), hu = HAVE(f->have, FS_USED);
		bool hi = HAVE(f->have, FS_INODES),
		    hiu = HAVE(f->have, FS_INODES_USED);

		put_name(t, f->device, 20);
		textbuf_addc(&t->b, ' ');
		put_name(t, f->type, 8);
		put_human(t, 8, hs, (double)f->v[FS_SIZE]);
		put_human(t, 8, hu, (double)f->v[FS_USED]);
		put_human(t, 8, HAVE(f->have, FS_AVAIL), (double)f->v[FS_AVAIL]);
		put_dbl(t, 4, 0, hs && hu && f->v[FS_SIZE] > 0, 100.0 *
		    (double)f->v[FS_USED] / (double)(f->v[FS_SIZE] ?
		    f->v[FS_SIZE] : 1));
		textbuf_addc(&t->b, '%');
		put_dbl(t, 8, 0, hi, (double)f->v[FS_INODES]);
		put_dbl(t, 5, 0, hi && hiu && f->v[FS_INODES] > 0, 100.0 *
		    (double)f->v[FS_INODES_USED] / (double)(f->v[FS_INODES] ?
		    f->v[FS_INODES] : 1));
		textbuf_adds(&t->b, "% ");
		put_name(t, f->mount, -1);
		textbuf_addc(&t->b, '\n');
	}
	textbuf_printf(&t->b, "%-12s %9s %9s %8s %8s %8s %8s %8s %8s %6s\n",
	    _("Device"), _("reads"), _("writes"), _("read"), _("written"),
	    "r/s", "w/s", "rB/s", "wB/s", "busy%");
	for (i = 0; i < s->ndisk; i++) {
		const struct snap_disk *d = &s->disk[i];
		int k;

		put_name(t, d->name, 12);
		put_dbl(t, 10, 0, HAVE(d->have, DISK_READS),
		    (double)d->v[DISK_READS]);
		put_dbl(t, 10, 0, HAVE(d->have, DISK_WRITES),
		    (double)d->v[DISK_WRITES]);
		put_human(t, 9, HAVE(d->have, DISK_READ_BYTES),
		    (double)d->v[DISK_READ_BYTES]);
		put_human(t, 9, HAVE(d->have, DISK_WRITE_BYTES),
		    (double)d->v[DISK_WRITE_BYTES]);
		for (k = DISK_READS; k <= DISK_WRITES; k++)
			put_dbl(t, 9, 1, d->have_rate && HAVE(d->have, k),
			    d->rate[k]);
		for (k = DISK_READ_BYTES; k <= DISK_WRITE_BYTES; k++)
			put_human(t, 9, d->have_rate && HAVE(d->have, k),
			    d->rate[k]);
		put_dbl(t, 7, 1, d->have_rate && HAVE(d->have, DISK_BUSY_NS),
		    d->rate[DISK_BUSY_NS]);
		textbuf_addc(&t->b, '\n');
	}
}

static void
text_network(struct out *t, const struct snapshot *s)
{
	size_t i;

	if (unavailable(t, s, AREA_NETWORK, _("Network:")))
		return;
	textbuf_printf(&t->b, "%-12s %-4s %8s %8s %8s %8s %9s %9s %7s %7s\n",
	    _("Interface"), _("Link"), "rx", "tx", "rxB/s", "txB/s",
	    "rxpkt/s", "txpkt/s", _("errors"), _("drops"));
	for (i = 0; i < s->nnet; i++) {
		const struct snap_net *n = &s->net[i];
		uint32_t errs = (1u << NET_RX_ERRORS) | (1u << NET_TX_ERRORS);
		uint32_t drops = (1u << NET_RX_DROPS) | (1u << NET_TX_DROPS);

		put_name(t, n->name, 12);
		textbuf_printf(&t->b, " %-4s", n->up < 0 ? "-" :
		    n->up ? _("up") : _("down"));
		put_human(t, 9, HAVE(n->have, NET_RX_BYTES),
		    (double)n->v[NET_RX_BYTES]);
		put_human(t, 9, HAVE(n->have, NET_TX_BYTES),
		    (double)n->v[NET_TX_BYTES]);
		put_human(t, 9, n->have_rate && HAVE(n->have, NET_RX_BYTES),
		    n->rate[NET_RX_BYTES]);
		put_human(t, 9, n->have_rate && HAVE(n->have, NET_TX_BYTES),
		    n->rate[NET_TX_BYTES]);
		put_dbl(t, 10, 1, n->have_rate && HAVE(n->have, NET_RX_PACKETS),
		    n->rate[NET_RX_PACKETS]);
		put_dbl(t, 10, 1, n->have_rate && HAVE(n->have, NET_TX_PACKETS),
		    n->rate[NET_TX_PACKETS]);
		put_dbl(t, 8, 0, (n->have & errs) == errs,
		    (double)(n->v[NET_RX_ERRORS] + n->v[NET_TX_ERRORS]));
		put_dbl(t, 8, 0, (n->have & drops) == drops,
		    (double)(n->v[NET_RX_DROPS] + n->v[NET_TX_DROPS]));
		textbuf_addc(&t->b, '\n');
	}
}

static void
put_limit(struct out *t, uint32_t have, uint32_t unlimited, int bit,
    uint64_t v)
{
	if (!HAVE(have, bit))
		textbuf_addc(&t->b, '-');
	else if (HAVE(unlimited, bit))
		textbuf_adds(&t->b, _("unlimited"));
	else
		textbuf_printf(&t->b, "%llu", (unsigned long long)v);
}

static void
text_quota(struct out *t, const struct snapshot *s)
{
	const struct snap_cgroup *cg = &s->cgroup;
	const struct snap_rlimit *rl = &s->rlimit;
	int k;

	if (unavailable(t, s, AREA_QUOTA, _("Quota:")))
		return;
	if (cg->version == 0)
		textbuf_printf(&t->b, "%s -\n", _("Cgroup:"));
	else {
		textbuf_printf(&t->b, "%s v%d ", _("Cgroup:"), cg->version);
		put_name(t, cg->path, -1);
		textbuf_addc(&t->b, ':');
		for (k = 0; k < QUOTA_NFIELDS; k++) {
			textbuf_printf(&t->b, " %s=", quota_field_names[k]);
			put_limit(t, cg->have, cg->unlimited, k, cg->v[k]);
		}
		if (cg->io_max != NULL) {
			textbuf_adds(&t->b, " io.max=");
			put_name(t, cg->io_max, -1);
		}
		textbuf_addc(&t->b, '\n');
	}
	textbuf_printf(&t->b, "%s", _("Limits (soft/hard):"));
	for (k = 0; k < RLIM_NFIELDS; k++) {
		textbuf_printf(&t->b, " %s=", rlim_field_names[k]);
		put_limit(t, rl->have, rl->soft_unlimited, k, rl->soft[k]);
		textbuf_addc(&t->b, '/');
		put_limit(t, rl->have, rl->hard_unlimited, k, rl->hard[k]);
	}
	textbuf_addc(&t->b, '\n');
}

/* CPU time as top's TIME+: minutes:seconds.hundredths. */
static void
put_time(struct out *t, bool have, uint64_t ns)
{
	uint64_t cs = ns / 10000000;

	if (!have) {
		textbuf_printf(&t->b, "%10s", "-");
		return;
	}
	textbuf_printf(&t->b, "%4llu:%02u.%02u",
	    (unsigned long long)(cs / 6000), (unsigned)(cs / 100 % 60),
	    (unsigned)(cs % 100));
}

static void
text_proc(struct out *t, const struct snapshot *s, const struct snap_proc *p,
    int cmdcols)
{
	uint64_t h = p->have;
	bool mem_pct = HAVE(h, PROC_RSS) && area(s, AREA_MEMORY) &&
	    HAVE(s->mem.have, MEM_TOTAL) && s->mem.v[MEM_TOTAL] > 0;
	char *buf;
	const char *cmd;
	size_t len;

	textbuf_printf(&t->b, "%7d ", (int)p->pid);
	if (HAVE(h, PROC_USER) && p->user != NULL)
		put_name(t, p->user, 8);
	else if (HAVE(h, PROC_UID))
		textbuf_printf(&t->b, "%-8u", (unsigned)p->uid);
	else
		put_name(t, "-", 8);
	put_dbl(t, 5, 0, HAVE(h, PROC_NICE), p->nice);
	put_dbl(t, 6, 0, HAVE(h, PROC_THREADS), p->threads);
	put_dbl(t, 10, 0, HAVE(h, PROC_VMS), (double)(p->vms_bytes / 1024));
	put_dbl(t, 9, 0, HAVE(h, PROC_RSS), (double)(p->rss_bytes / 1024));
	put_dbl(t, 9, 0, HAVE(h, PROC_SHARED), (double)(p->shared_bytes / 1024));
	textbuf_printf(&t->b, " %c", HAVE(h, PROC_STATE) &&
	    p->state > ' ' && p->state < 0x7f ? p->state : '-');
	put_dbl(t, 7, 1, HAVE(h, PROC_USAGE_PERCENT), p->usage_percent);
	put_dbl(t, 7, 1, mem_pct, 100.0 * (double)p->rss_bytes /
	    (double)(mem_pct ? s->mem.v[MEM_TOTAL] : 1));
	textbuf_addc(&t->b, ' ');
	put_time(t, HAVE(h, PROC_TOTAL_TIME), p->total_time_ns);
	textbuf_addc(&t->b, ' ');
	/* COMMAND: the command line, or [comm] for a kernel thread. */
	if (HAVE(h, PROC_CMDLINE) && p->cmdline != NULL && *p->cmdline)
		cmd = p->cmdline;
	else if (HAVE(h, PROC_COMM) && p->comm != NULL) {
		textbuf_addc(&t->b, '[');
		cmd = p->comm;
	} else
		cmd = "-";
	len = strlen(cmd);
	if (cmdcols > 0 && cmd == p->comm)
		cmdcols = cmdcols > 3 ? cmdcols - 2 : 1;
	if (cmdcols > 0) {
		buf = xmalloc(TEXT_SANITIZE_MAX(len));
		text_sanitize(buf, TEXT_SANITIZE_MAX(len), cmd, len, cmdcols,
		    t->flags, NULL);
		textbuf_adds(&t->b, buf);
		free(buf);
	} else
		text_sanitize_buf(&t->b, cmd, len, t->flags);
	if (cmd == p->comm && cmd != p->cmdline)
		textbuf_addc(&t->b, ']');
	textbuf_addc(&t->b, '\n');
}

#define PROC_FIXED_COLS 83 /* columns before COMMAND */

static void
text_procs(struct out *t, const struct snapshot *s)
{
	size_t i, n, *idx = NULL, cap = 0;
	int cmdcols = 0;

	if (unavailable(t, s, AREA_PROCESSES, _("Processes:")))
		return;
	if (t->o != NULL && t->o->width > 0)
		cmdcols = t->o->width > PROC_FIXED_COLS + 3 ?
		    t->o->width - PROC_FIXED_COLS : 3;
	textbuf_printf(&t->b, "%7s %-8s%5s%6s%10s%9s%9s %s%7s%7s %10s %s\n",
	    "PID", "USER", "NI", "THR", "VIRT", "RES", "SHR", "S", "%CPU",
	    "%MEM", "TIME+", "COMMAND");
	n = report_select(s, t->o, &idx, &cap);
	for (i = 0; i < n; i++)
		text_proc(t, s, &s->proc[idx[i]], cmdcols);
	free(idx);
}

int
report_text(FILE *f, const struct snapshot *s, const struct report_opts *o)
{
	struct out t = { .o = o, .flags = o != NULL ? o->text_flags : 0 };
	int r = 0;

	text_summary(&t, s);
	text_cpu(&t, s);
	text_memory(&t, s);
	text_pressure(&t, s);
	text_filesystems(&t, s);
	text_network(&t, s);
	text_quota(&t, s);
	textbuf_addc(&t.b, '\n');
	text_procs(&t, s);
	textbuf_addc(&t.b, '\n');
	if (fwrite(t.b.buf, 1, t.b.len, f) != t.b.len)
		r = -1;
	textbuf_free(&t.b);
	return r;
}
