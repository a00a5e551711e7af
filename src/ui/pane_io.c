/*
 * pane_io.c: the disk pane (filesystem usage, device read/write rates) and
 * the network pane (per-interface rx/tx rates). Device, mount and
 * interface names are untrusted text. Draws from ui->cur only. Depends on
 * curses and core.
 */
#include "config.h"

#include "ui/ui_int.h"

#include <stdio.h>
#include <string.h>

#define MAX_FS_LINES 6
#define MAX_DEV_LINES 4
#define MAX_NET_LINES 6
/* "rx 2.00M/s": a label and a rate */
#define NET_RATE_W (3 + 6 + 2)

static size_t
min_sz(size_t a, size_t b)
{
	return a < b ? a : b;
}

/*
 * The first line of an I/O pane: its title and the two totals, or "n/a"
 * when the area was not sampled. Returns false in that case.
 */
static bool
io_header(struct ui *ui, const struct ui_rect *r, enum snap_area area,
    const char *title, const char *na, double ra, const char *nb, double rb)
{
	char a[16], b[16], line[48], line2[48];
	const char *item[2] = { line, line2 };
	int x;

	x = ui_put(ui, r->y, r->x, r->w, title, ui_attr(ui, C_TITLE));
	if (ui->cur == NULL || !(ui->cur->areas & (1u << area))) {
		ui_put(ui, r->y, r->x + x, r->w - x, " n/a", A_NORMAL);
		return false;
	}
	fmt_rate(a, sizeof(a), ra);
	fmt_rate(b, sizeof(b), rb);
	snprintf(line, sizeof(line), "%s %s/s", na, a);
	snprintf(line2, sizeof(line2), "%s %s/s", nb, b);
	ui_flow(ui, r->y, r->x + x + 2, r->w - x - 2, 1, 0, 2, item, 2);
	return true;
}

int
pane_disk_want(const struct ui *ui, int width)
{
	const struct snapshot *s = ui->cur;

	(void)width;
	if (s == NULL || !(s->areas & (1u << AREA_DISK)))
		return 1;
	return 1 + (int)min_sz(s->nfs, MAX_FS_LINES) +
	    (int)min_sz(s->ndisk, MAX_DEV_LINES);
}

void
pane_disk_draw(struct ui *ui, const struct ui_rect *r)
{
	const struct snapshot *s = ui->cur;
	double rd = 0, wr = 0;
	char a[16], b[16], rd_s[32], wr_s[32], line[32];
	const char *item[3] = { rd_s, wr_s, line };
	size_t i;
	int y = r->y + 1, nw = r->w / 3 + 1;

	for (i = 0; s != NULL && i < s->ndisk; i++)
		if (s->disk[i].have_rate) {
			rd += s->disk[i].rate[DISK_READ_BYTES];
			wr += s->disk[i].rate[DISK_WRITE_BYTES];
		}
	if (!io_header(ui, r, AREA_DISK, "Disk", "read", rd, "write", wr))
		return;
	if (nw > 21)
		nw = 21;
	for (i = 0; i < s->nfs && i < MAX_FS_LINES && y < r->y + r->h; i++,
	    y++) {
		const struct snap_fs *f = &s->fs[i];
		struct bar_seg seg = { 0, C_MEM_USED };
		char label[40];

		ui_put_text(ui, y, r->x + 1, nw - 2, f->mount, A_NORMAL);
		if (HAVE(f->have, FS_SIZE) && HAVE(f->have, FS_USED) &&
		    f->v[FS_SIZE] > 0)
			seg.pct = 100.0 * (double)f->v[FS_USED] /
			    (double)f->v[FS_SIZE];
		fmt_bytes(a, sizeof(a), f->v[FS_USED]);
		fmt_bytes(b, sizeof(b), f->v[FS_SIZE]);
		snprintf(label, sizeof(label), "%s/%s", HAVE(f->have, FS_USED) ?
		    a : "-", HAVE(f->have, FS_SIZE) ? b : "-");
		bar_draw(ui, y, r->x + nw, r->w - nw, &seg, 1, label,
		    BAR_USAGE_W);
	}
	for (i = 0; i < s->ndisk && i < MAX_DEV_LINES && y < r->y + r->h; i++,
	    y++) {
		const struct snap_disk *d = &s->disk[i];

		ui_put_text(ui, y, r->x + 1, nw - 2, d->name, A_NORMAL);
		strlcpy(a, "-", sizeof(a));
		strlcpy(b, "-", sizeof(b));
		if (d->have_rate) {
			fmt_rate(a, sizeof(a), d->rate[DISK_READ_BYTES]);
			fmt_rate(b, sizeof(b), d->rate[DISK_WRITE_BYTES]);
		}
		snprintf(rd_s, sizeof(rd_s), "r %6s/s", a);
		snprintf(wr_s, sizeof(wr_s), "w %6s/s", b);
		snprintf(line, sizeof(line), "%3.0f%% busy",
		    d->rate[DISK_BUSY_NS]);
		/* what does not fit whole is left out, the busy share first */
		ui_flow(ui, y, r->x + nw, r->w - nw, 1, 0, 2, item,
		    d->have_rate ? 3 : 2);
	}
}

int
pane_network_want(const struct ui *ui, int width)
{
	const struct snapshot *s = ui->cur;

	(void)width;
	if (s == NULL || !(s->areas & (1u << AREA_NETWORK)))
		return 1;
	return 1 + (int)min_sz(s->nnet, MAX_NET_LINES);
}

void
pane_network_draw(struct ui *ui, const struct ui_rect *r)
{
	const struct snapshot *s = ui->cur;
	double rx = 0, tx = 0;
	char a[16], b[16], line[96];
	size_t i;
	int y = r->y + 1, nw = r->w / 3 + 1;

	for (i = 0; s != NULL && i < s->nnet; i++)
		if (s->net[i].have_rate) {
			rx += s->net[i].rate[NET_RX_BYTES];
			tx += s->net[i].rate[NET_TX_BYTES];
		}
	if (!io_header(ui, r, AREA_NETWORK, "Net ", "rx", rx, "tx", tx))
		return;
	if (nw > 17)
		nw = 17;
	for (i = 0; i < s->nnet && i < MAX_NET_LINES && y < r->y + r->h; i++,
	    y++) {
		const struct snap_net *n = &s->net[i];
		int o;

		ui_put_text(ui, y, r->x + 1, nw - 2, n->name, n->up == 0 ?
		    ui_attr(ui, C_DIM) : A_NORMAL);
		/* "rx 2.00M/s  tx  100K/s", each rate whole or left out */
		strlcpy(a, "-", sizeof(a));
		strlcpy(b, "-", sizeof(b));
		if (n->have_rate) {
			fmt_rate(a, sizeof(a), n->rate[NET_RX_BYTES]);
			fmt_rate(b, sizeof(b), n->rate[NET_TX_BYTES]);
		}
		if (r->w - nw < NET_RATE_W)
			continue;
		o = ui_put(ui, y, r->x + nw, r->w - nw, "rx ", A_NORMAL);
		snprintf(line, sizeof(line), n->have_rate ? "%6s/s" : "%6s  ",
		    a);
		o += ui_put(ui, y, r->x + nw + o, r->w - nw - o, line,
		    ui_attr(ui, C_RX));
		if (r->w - nw - o < 2 + NET_RATE_W)
			continue;
		o += ui_put(ui, y, r->x + nw + o, r->w - nw - o, "  tx ",
		    A_NORMAL);
		snprintf(line, sizeof(line), n->have_rate ? "%6s/s" : "%6s", b);
		ui_put(ui, y, r->x + nw + o, r->w - nw - o, line,
		    ui_attr(ui, C_TX));
	}
}
