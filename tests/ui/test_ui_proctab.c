/*
 * test_ui_proctab.c: the process table model on synthetic snapshots —
 * sorting by each key, unknown values last, filters, kernel threads,
 * tree order with prefixes, a ppid cycle. Links libui and core only.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "../tap.h"
#include "synth.h"
#include "ui/ui_int.h"

static pid_t
row_pid(const struct proctab *t, size_t i)
{
	return i < t->nrows ? t->snap->proc[t->rows[i].idx].pid : -1;
}

static bool
has_pid(const struct proctab *t, pid_t pid)
{
	size_t i;

	for (i = 0; i < t->nrows; i++)
		if (row_pid(t, i) == pid)
			return true;
	return false;
}

/* The tree as "pid pid+ ..." ("+": folded), for comparisons. */
static const char *
tree_order(const struct proctab *t)
{
	static char buf[256];
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < t->nrows && o < sizeof(buf) - 16; i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%d%s",
		    i ? " " : "", (int)row_pid(t, i), t->rows[i].folded ?
		    "+" : "");
	return buf;
}

int
main(void)
{
	struct snapshot *s = snapshot_new();
	struct proctab t;
	struct ui_config cfg;
	struct proc_filter f = { 0 };
	struct snap_proc *p;
	size_t i;
	int c, bad;

	memset(&t, 0, sizeof(t));
	synth_fill(s, 1, 200);
	config_defaults(&cfg);

	cfg.sort = COL_RSS;
	proctab_build(&t, s, &cfg, &f);
	is_int(row_pid(&t, 0), 4242, "RSS: the 3 GiB memhog on top");
	is_int(row_pid(&t, t.nrows - 1), 8888, "RSS: unknown RSS last");
	cfg.invert = true;
	proctab_build(&t, s, &cfg, &f);
	is_int(row_pid(&t, t.nrows - 1), 8888, "RSS inverted: unknown still "
	    "last");
	is_int(row_pid(&t, t.nrows - 2), 4242, "RSS inverted: memhog at the "
	    "bottom of the known");
	cfg.invert = false;
	cfg.sort = COL_CPU;
	proctab_build(&t, s, &cfg, &f);
	is_int(row_pid(&t, 0), 4343, "CPU: the burner on top");
	cfg.sort = COL_TIME;
	proctab_build(&t, s, &cfg, &f);
	is_int(row_pid(&t, 0), 4343, "TIME+: the burner on top");
	cfg.sort = COL_PID;
	proctab_build(&t, s, &cfg, &f);
	is_int(row_pid(&t, 0), 1, "PID: ascending from 1");
	is_int(row_pid(&t, 1), 1000, "PID: next is 1000");
	ok(!has_pid(&t, 2) && !has_pid(&t, 3), "kernel threads hidden by "
	    "default");
	/* every column sorts, and stays a permutation of the shown set */
	for (bad = 0, c = 0; c < COL_N; c++) {
		cfg.sort = c;
		proctab_build(&t, s, &cfg, &f);
		bad += t.nrows != s->nproc - 2 || !has_pid(&t, 6666);
		for (i = 1; i < t.nrows; i++) {
			const struct snap_proc *a = &s->proc[t.rows[i - 1].idx];
			const struct snap_proc *b = &s->proc[t.rows[i].idx];
			int r = col_compare(c, a, b);

			if (col_known(a, c) && col_known(b, c) &&
			    (ui_columns[c].desc ? r < 0 : r > 0))
				bad++;
		}
	}
	is_int(bad, 0, "every column sorts in its natural order");

	f.kernel_threads = true;
	proctab_build(&t, s, &cfg, &f);
	ok(has_pid(&t, 2) && has_pid(&t, 3), "K shows kernel threads");
	f.kernel_threads = false;
	f.text = "MEMHOG";
	proctab_build(&t, s, &cfg, &f);
	is_int(t.nrows, 1, "filter is case-insensitive, one match");
	is_int(row_pid(&t, 0), 4242, "filter matched memhog");
	f.text = "mallory";
	proctab_build(&t, s, &cfg, &f);
	is_int(t.nrows, 1, "filter also matches the user");
	f.text = NULL;
	f.user = "bob";
	proctab_build(&t, s, &cfg, &f);
	for (bad = 0, i = 0; i < t.nrows; i++)
		bad += strcmp(s->proc[t.rows[i].idx].user, "bob") != 0;
	ok(t.nrows > 10 && bad == 0, "user filter keeps bob's only");
	f.user = "1000";
	proctab_build(&t, s, &cfg, &f);
	ok(t.nrows > 10 && !has_pid(&t, 1), "user filter by uid");
	f.user = NULL;
	{
		pid_t only[] = { 4242, 1 };

		f.pids = only;
		f.npids = 2;
		proctab_build(&t, s, &cfg, &f);
		is_int(t.nrows, 2, "-p keeps the listed pids");
		f.npids = 0;
	}

	/* selection follows the process across re-sorts */
	cfg.sort = COL_RSS;
	proctab_build(&t, s, &cfg, &f);
	proctab_move(&t, 3, 0);
	{
		pid_t sel = proctab_selected(&t)->pid;

		cfg.sort = COL_PID;
		proctab_build(&t, s, &cfg, &f);
		is_int(proctab_selected(&t)->pid, sel, "selection follows the "
		    "process");
	}

	/* tree */
	cfg.tree = true;
	cfg.sort = COL_PID;
	proctab_build(&t, s, &cfg, &f);
	is_int(row_pid(&t, 0), 1, "tree: init is the root");
	is_int(t.rows[0].depth, 0, "tree: root depth 0");
	is_int(t.rows[1].depth, 1, "tree: children at depth 1");
	ok(t.rows[t.nrows - 1].last, "tree: the final child is last");
	ok(!t.rows[1].last, "tree: the first child is not last");
	is_int(t.nrows, s->nproc - 2, "tree keeps every shown process");

	/* a ppid cycle (hostile history data) loses nobody */
	snapshot_clear(s);
	for (i = 0; i < 3; i++) {
		p = snapshot_add_proc(s);
		p->pid = (pid_t)(10 + i);
		p->ppid = (pid_t)(10 + (i + 1) % 3);
		p->have = (UINT64_C(1) << PROC_PID) | (UINT64_C(1) << PROC_PPID);
	}
	p = snapshot_add_proc(s);
	p->pid = 20;
	p->ppid = 20; /* its own parent */
	p->have = (UINT64_C(1) << PROC_PID) | (UINT64_C(1) << PROC_PPID);
	proctab_build(&t, s, &cfg, &f);
	is_int(t.nrows, 4, "cycle and self-parent: every process kept");
	ok(has_pid(&t, 10) && has_pid(&t, 11) && has_pid(&t, 12) &&
	    has_pid(&t, 20), "cycle members all present");

	/*
	 * folding: 1 -> { 2 -> { 4 -> { 6 }, 5 }, 3 }; a folded process
	 * hides its descendants, by identity (pid and start time)
	 */
	snapshot_clear(s);
	{
		static const pid_t tree[][2] = { { 1, 0 }, { 2, 1 }, { 3, 1 },
			{ 4, 2 }, { 5, 2 }, { 6, 4 } };

		for (i = 0; i < 6; i++) {
			p = snapshot_add_proc(s);
			p->pid = tree[i][0];
			p->ppid = tree[i][1];
			p->start_time_ns = 1000 * (uint64_t)p->pid;
			p->have = (UINT64_C(1) << PROC_PID) |
			    (UINT64_C(1) << PROC_PPID) |
			    (UINT64_C(1) << PROC_START_TIME);
		}
	}
	proctab_build(&t, s, &cfg, &f);
	is_str(tree_order(&t), "1 2 4 6 5 3", "fold: the whole tree first");
	t.sel = 1;
	ok(proctab_fold(&t, true), "fold: folding pid 2 changes the table");
	ok(!proctab_fold(&t, true), "fold: folding it twice does not");
	proctab_build(&t, s, &cfg, &f);
	is_str(tree_order(&t), "1 2+ 3", "fold: 2's descendants hidden");
	ok(t.rows[2].last && t.rows[2].depth == 1,
	    "fold: 3 stays the last child of 1");
	t.sel = 0;
	ok(!proctab_fold(&t, false), "fold: unfolding an open row: no change");
	/* nested: fold 4 too, then open 2: 4 stays folded */
	t.sel = 1;
	proctab_fold(&t, false);
	proctab_build(&t, s, &cfg, &f);
	t.sel = 2;
	is_int(row_pid(&t, 2), 4, "fold: 4 is on row 2 again");
	proctab_fold(&t, true);
	proctab_build(&t, s, &cfg, &f);
	is_str(tree_order(&t), "1 2 4+ 5 3", "fold: only 6 hidden under 4");
	/* a reused pid is another process: not folded */
	s->proc[3].start_time_ns = 99999;
	proctab_build(&t, s, &cfg, &f);
	is_str(tree_order(&t), "1 2 4 6 5 3",
	    "fold: pid 4 with another start time is not folded");
	/* outside the tree view nothing is hidden */
	s->proc[3].start_time_ns = 4000;
	cfg.tree = false;
	proctab_build(&t, s, &cfg, &f);
	is_int(t.nrows, 6, "fold: the flat table shows every process");

	proctab_free(&t);
	snapshot_free(s);
	return tap_done();
}
