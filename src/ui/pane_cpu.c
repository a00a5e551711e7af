/*
 * pane_cpu.c: the CPU pane — total and per-core bars split into user,
 * nice, system, iowait, irq, softirq and steal (colours, or characters in
 * monochrome), or the same split as numbers ('#'). Draws from ui->cur
 * only. Depends on curses and core.
 */
#include "config.h"

#include "ui/ui_int.h"

#include <stdio.h>
#include <string.h>

static const struct {
	enum cpu_field f;
	enum ui_color c;
	const char *abbr;
} split[] = {
	{ CPU_USER, C_CPU_USER, "us" },
	{ CPU_NICE, C_CPU_NICE, "ni" },
	{ CPU_SYSTEM, C_CPU_SYSTEM, "sy" },
	{ CPU_IOWAIT, C_CPU_IOWAIT, "wa" },
	{ CPU_IRQ, C_CPU_IRQ, "hi" },
	{ CPU_SOFTIRQ, C_CPU_SOFTIRQ, "si" },
	{ CPU_STEAL, C_CPU_STEAL, "st" },
};
#define NSPLIT (sizeof(split) / sizeof(split[0]))

int
pane_cpu_want(const struct ui *ui, int width)
{
	const struct snapshot *s = ui->cur;
	size_t cores;

	(void)width;
	if (s == NULL || s->ncpu == 0)
		return 1;
	cores = s->ncpu - 1;
	if (cores > 16)
		cores = (cores + 1) / 2; /* two per line on big machines */
	if (cores > 32)
		cores = 32;
	return 1 + (int)cores;
}

static void
cpu_line(struct ui *ui, int y, int x, int w, const char *name,
    const struct snap_cpu *c)
{
	struct bar_seg seg[NSPLIT];
	char label[16], line[256];
	int lw = (int)strlen(name) + 1;
	size_t i;

	ui_put(ui, y, x, w, name, ui_attr(ui, C_TITLE));
	if (c == NULL || !c->have_pct) {
		bar_draw(ui, y, x + lw, w - lw, NULL, 0, "-", 0);
		return;
	}
	if (ui->cfg.cpu_numbers) {
		int o, prec;

		/* one decimal when it fits, whole percents otherwise */
		for (prec = 1; prec >= 0; prec--) {
			for (o = 0, i = 0; i < NSPLIT; i++)
				o += snprintf(line + o, sizeof(line) - (size_t)o,
				    "%s%s %.*f", i ? " " : "", split[i].abbr,
				    prec, c->pct[split[i].f]);
			if (o <= w - lw)
				break;
		}
		ui_put(ui, y, x + lw, w - lw, line, A_NORMAL);
		return;
	}
	for (i = 0; i < NSPLIT; i++) {
		seg[i].pct = HAVE(c->have, split[i].f) ? c->pct[split[i].f] : 0;
		seg[i].color = split[i].c;
	}
	snprintf(label, sizeof(label), "%5.1f%%", c->usage_percent);
	bar_draw(ui, y, x + lw, w - lw, seg, (int)NSPLIT, label, 0);
}

void
pane_cpu_draw(struct ui *ui, const struct ui_rect *r)
{
	const struct snapshot *s = ui->cur;
	size_t cores, per, i;
	int rows, nw;
	char name[16];

	if (s == NULL || s->ncpu == 0 || !(s->areas & (1u << AREA_CPU))) {
		ui_put(ui, r->y, r->x, r->w, "CPU  n/a", ui_attr(ui, C_TITLE));
		return;
	}
	cpu_line(ui, r->y, r->x, r->w, "CPU", &s->cpu[0]);
	cores = s->ncpu - 1;
	rows = r->h - 1;
	if (rows <= 0 || cores == 0)
		return;
	per = (cores + (size_t)rows - 1) / (size_t)rows;
	nw = snprintf(name, sizeof(name), "%d", s->cpu[s->ncpu - 1].id);
	if (nw < 3)
		nw = 3; /* align with "CPU" */
	for (i = 0; i < cores; i++) {
		int col = (int)(i / (size_t)rows), row = (int)(i % (size_t)rows);
		int cw = r->w / (int)per;

		if ((size_t)col >= per)
			break;
		snprintf(name, sizeof(name), "%*d", nw, s->cpu[i + 1].id);
		cpu_line(ui, r->y + 1 + row, r->x + col * cw, cw - (per > 1),
		    name, &s->cpu[i + 1]);
	}
}
