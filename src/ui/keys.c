/*
 * keys.c: the key table — key -> action -> help text — as data. The help
 * screen is generated from it and the man page's KEYS section is checked
 * against it (tests/ui/test_keys). Depends on curses.
 */
#include "config.h"

#include "ui/ui_int.h"
#include "core/i18n.h"
#include "ui/timetravel.h"

#include <stdio.h>
#include <string.h>

const struct ui_action_def ui_actions[ACT_N] = {
	[ACT_QUIT] = { "quit", N_("Quit"), act_quit, 0 },
	[ACT_HELP] = { "help", N_("Show this help"), act_help, 0 },
	[ACT_SORT_CPU] = { "sort-cpu", N_("Sort by CPU%"), act_sort_cpu, 0 },
	[ACT_SORT_MEM] = { "sort-mem", N_("Sort by resident memory (RSS)"),
	    act_sort_mem, 0 },
	[ACT_SORT_TIME] = { "sort-time", N_("Sort by CPU time (TIME+)"),
	    act_sort_time, 0 },
	[ACT_SORT_PID] = { "sort-pid", N_("Sort by PID"), act_sort_pid, 0 },
	[ACT_SORT_LEFT] = { "sort-left", N_("Sort by the column to the left"),
	    act_sort_left, 0 },
	[ACT_SORT_RIGHT] = { "sort-right", N_("Sort by the column to the right"),
	    act_sort_right, 0 },
	[ACT_SORT_INVERT] = { "sort-invert", N_("Invert the sort order"),
	    act_sort_invert, 0 },
	[ACT_FILTER] = { "filter",
	    N_("Filter processes by command or user (Esc clears)"), act_filter,
	    0 },
	[ACT_USER] = { "user", N_("Show one user's processes only"), act_user, 0 },
	[ACT_TREE] = { "tree", N_("Tree view"), act_tree, 0 },
	[ACT_COLLAPSE] = { "collapse", N_("Tree view: hide the selected "
	    "process's descendants"), act_collapse, 0 },
	[ACT_EXPAND] = { "expand", N_("Tree view: show them again"),
	    act_expand, 0 },
	[ACT_KERNEL] = { "kernel-threads", N_("Show or hide kernel threads"),
	    act_kernel, 0 },
	[ACT_THREADS] = { "threads", N_("Show or hide userland threads (not "
	    "recorded)"), act_threads, ACTF_LIVE },
	[ACT_KILL] = { "kill",
	    N_("Send a signal to the selected process (asks first)"), act_kill,
	    ACTF_LIVE },
	[ACT_PAUSE] = { "pause", N_("Pause or resume the display (recording "
	    "continues)"), act_pause, 0 },
	[ACT_COLUMNS] = { "columns", N_("Choose the process table columns"),
	    act_columns, 0 },
	[ACT_CPU_NUMBERS] = { "numbers", N_("Show the CPU and memory split as "
	    "numbers"), act_cpu_numbers, 0 },
	[ACT_PANE_CPU] = { "pane-cpu", N_("Show or hide the CPU pane"),
	    act_pane_cpu, 0 },
	[ACT_PANE_MEMORY] = { "pane-memory", N_("Show or hide the memory pane"),
	    act_pane_memory, 0 },
	[ACT_PANE_LOAD] = { "pane-load", N_("Show or hide the load pane"),
	    act_pane_load, 0 },
	[ACT_PANE_DISK] = { "pane-disk", N_("Show or hide the disk pane"),
	    act_pane_disk, 0 },
	[ACT_PANE_NETWORK] = { "pane-network", N_("Show or hide the network pane"),
	    act_pane_network, 0 },
	[ACT_PANE_PRESSURE] = { "pane-pressure",
	    N_("Show or hide the pressure pane"), act_pane_pressure, 0 },
	[ACT_PANE_QUOTA] = { "pane-quota", N_("Show or hide the quota pane"),
	    act_pane_quota, 0 },
	[ACT_UP] = { "up", N_("Select the previous process"), act_up, 0 },
	[ACT_DOWN] = { "down", N_("Select the next process"), act_down, 0 },
	[ACT_PAGE_UP] = { "page-up", N_("Scroll the process table up a page"),
	    act_page_up, 0 },
	[ACT_PAGE_DOWN] = { "page-down",
	    N_("Scroll the process table down a page"), act_page_down, 0 },
	[ACT_REDRAW] = { "redraw", N_("Redraw the screen"), act_redraw, 0 },
	[ACT_HIST_BACK] = { "back", N_("History: one sample back"),
	    act_hist_back, 0 },
	[ACT_HIST_FWD] = { "forward", N_("History: one sample forward (past "
	    "the newest: live)"), act_hist_fwd, 0 },
	[ACT_HIST_BACK_1M] = { "back-1m", N_("History: 1 minute back"),
	    act_hist_back_1m, 0 },
	[ACT_HIST_FWD_1M] = { "forward-1m", N_("History: 1 minute forward"),
	    act_hist_fwd_1m, 0 },
	[ACT_HIST_BACK_10M] = { "back-10m", N_("History: 10 minutes back"),
	    act_hist_back_10m, 0 },
	[ACT_HIST_FWD_10M] = { "forward-10m", N_("History: 10 minutes forward"),
	    act_hist_fwd_10m, 0 },
	[ACT_HIST_BACK_1H] = { "back-1h", N_("History: 1 hour back"),
	    act_hist_back_1h, 0 },
	[ACT_HIST_FWD_1H] = { "forward-1h", N_("History: 1 hour forward"),
	    act_hist_fwd_1h, 0 },
	[ACT_HIST_OLDEST] = { "oldest", N_("History: the oldest sample"),
	    act_hist_oldest, 0 },
	[ACT_HIST_LIVE] = { "live", N_("History: back to live (replay: the "
	    "newest sample, following)"), act_hist_live, 0 },
	[ACT_HIST_GOTO] = { "goto", N_("History: go to a time (now, -15m, "
	    "03:12, 2026-11-25T03:12)"), act_hist_goto, 0 },
	[ACT_HIST_MARK] = { "mark", N_("Mark this moment to compare with "
	    "another"), act_hist_mark, 0 },
	[ACT_HIST_DIFF] = { "what-changed", N_("What changed between the mark "
	    "and this moment"), act_hist_diff, 0 },
	[ACT_GRAPHS] = { "graphs", N_("History graphs (cursor sets the time "
	    "shown)"), act_graphs, 0 },
	[ACT_PROC_GRAPH] = { "process-graph", N_("History graph of the "
	    "selected process (CPU, RSS)"), act_proc_graph, 0 },
	[ACT_GRAPH_ZOOM_IN] = { "graph-zoom-in", N_("Graphs: a shorter "
	    "window (zoom in)"), act_graph_zoom_in, ACTF_GRAPHS },
	[ACT_GRAPH_ZOOM_OUT] = { "graph-zoom-out", N_("Graphs: a longer "
	    "window (zoom out)"), act_graph_zoom_out, ACTF_GRAPHS },
	[ACT_GRAPH_ZOOM_ALL] = { "graph-zoom-all", N_("Graphs: the whole "
	    "history"), act_graph_zoom_all, ACTF_GRAPHS },
	[ACT_GRAPH_BACK] = { "graph-back", N_("Graphs: cursor one column "
	    "back"), act_graph_back, ACTF_GRAPHS },
	[ACT_GRAPH_FWD] = { "graph-forward", N_("Graphs: cursor one column "
	    "forward"), act_graph_fwd, ACTF_GRAPHS },
	[ACT_GRAPH_UP] = { "graph-up", N_("Graphs: scroll the graphs up"),
	    act_graph_up, ACTF_GRAPHS },
	[ACT_GRAPH_DOWN] = { "graph-down", N_("Graphs: scroll the graphs "
	    "down"), act_graph_down, ACTF_GRAPHS },
	[ACT_GRAPH_STYLE] = { "graph-style", N_("Graphs: braille, blocks or "
	    "ASCII"), act_graph_style, ACTF_GRAPHS },
	[ACT_GRAPH_NO_PROC] = { "graph-no-process", N_("Graphs: drop the "
	    "process graph"), act_graph_no_proc, ACTF_GRAPHS },
	[ACT_GRAPH_CLOSE] = { "graph-close", N_("Graphs: back to the process "
	    "table"), act_graph_close, ACTF_GRAPHS },
};

const struct ui_keydef ui_keys[] = {
	{ 'q', "q", ACT_QUIT },
	{ UI_FN(KEY_F(10)), "F10", ACT_QUIT },
	{ 'h', "h", ACT_HELP },
	{ '?', "?", ACT_HELP },
	{ UI_FN(KEY_F(1)), "F1", ACT_HELP },
	{ 'P', "P", ACT_SORT_CPU },
	{ 'M', "M", ACT_SORT_MEM },
	{ 'T', "T", ACT_SORT_TIME },
	{ 'N', "N", ACT_SORT_PID },
	{ '<', "<", ACT_SORT_LEFT },
	{ ',', ",", ACT_SORT_LEFT },
	{ '>', ">", ACT_SORT_RIGHT },
	{ '.', ".", ACT_SORT_RIGHT },
	{ 'I', "I", ACT_SORT_INVERT },
	{ '/', "/", ACT_FILTER },
	{ UI_FN(KEY_F(4)), "F4", ACT_FILTER },
	{ 'u', "u", ACT_USER },
	{ 't', "t", ACT_TREE },
	{ UI_FN(KEY_F(5)), "F5", ACT_TREE },
	{ '-', "-", ACT_COLLAPSE },
	{ '+', "+", ACT_EXPAND },
	{ 'K', "K", ACT_KERNEL },
	{ 'H', "H", ACT_THREADS },
	{ 'k', "k", ACT_KILL },
	{ UI_FN(KEY_F(9)), "F9", ACT_KILL },
	{ ' ', "Space", ACT_PAUSE },
	{ 'C', "C", ACT_COLUMNS },
	{ UI_FN(KEY_F(2)), "F2", ACT_COLUMNS },
	{ '#', "#", ACT_CPU_NUMBERS },
	{ '1', "1", ACT_PANE_CPU },
	{ '2', "2", ACT_PANE_MEMORY },
	{ '3', "3", ACT_PANE_LOAD },
	{ '4', "4", ACT_PANE_DISK },
	{ '5', "5", ACT_PANE_NETWORK },
	{ '6', "6", ACT_PANE_PRESSURE },
	{ '7', "7", ACT_PANE_QUOTA },
	{ UI_FN(KEY_UP), "Up", ACT_UP },
	{ UI_FN(KEY_DOWN), "Down", ACT_DOWN },
	{ UI_FN(KEY_PPAGE), "PgUp", ACT_PAGE_UP },
	{ UI_FN(KEY_NPAGE), "PgDn", ACT_PAGE_DOWN },
	{ UI_CTRL('l'), "Ctrl-L", ACT_REDRAW },
	{ UI_FN(KEY_LEFT), "Left", ACT_HIST_BACK },
	{ UI_FN(KEY_RIGHT), "Right", ACT_HIST_FWD },
	{ '[', "[", ACT_HIST_BACK_1M },
	{ ']', "]", ACT_HIST_FWD_1M },
	{ '{', "{", ACT_HIST_BACK_10M },
	{ '}', "}", ACT_HIST_FWD_10M },
	{ UI_FN(KEY_SLEFT), "Shift-Left", ACT_HIST_BACK_1H },
	{ UI_FN(KEY_SRIGHT), "Shift-Right", ACT_HIST_FWD_1H },
	/* for terminals whose terminfo lacks shifted arrows (screen) */
	{ '(', "(", ACT_HIST_BACK_1H },
	{ ')', ")", ACT_HIST_FWD_1H },
	{ UI_FN(KEY_HOME), "Home", ACT_HIST_OLDEST },
	{ UI_FN(KEY_END), "End", ACT_HIST_LIVE },
	{ 0x1b, "Esc", ACT_HIST_LIVE },
	{ 'g', "g", ACT_HIST_GOTO },
	{ 'm', "m", ACT_HIST_MARK },
	{ 'w', "w", ACT_HIST_DIFF },
	{ 'G', "G", ACT_GRAPHS },
	{ 'p', "p", ACT_PROC_GRAPH },
	/* the graphs view: keys of its own, shadowing the ones above */
	{ '+', "+", ACT_GRAPH_ZOOM_IN },
	{ '=', "=", ACT_GRAPH_ZOOM_IN },
	{ '-', "-", ACT_GRAPH_ZOOM_OUT },
	{ '_', "_", ACT_GRAPH_ZOOM_OUT },
	{ 'a', "a", ACT_GRAPH_ZOOM_ALL },
	{ UI_FN(KEY_LEFT), "Left", ACT_GRAPH_BACK },
	{ UI_FN(KEY_RIGHT), "Right", ACT_GRAPH_FWD },
	{ UI_FN(KEY_UP), "Up", ACT_GRAPH_UP },
	{ UI_FN(KEY_DOWN), "Down", ACT_GRAPH_DOWN },
	{ 's', "s", ACT_GRAPH_STYLE },
	{ 'x', "x", ACT_GRAPH_NO_PROC },
	{ '\r', "Enter", ACT_GRAPH_CLOSE },
	{ '\n', "Ctrl-J", ACT_GRAPH_CLOSE },
	{ UI_FN(KEY_ENTER), "KP-Enter", ACT_GRAPH_CLOSE },
	{ 'G', "G", ACT_GRAPH_CLOSE },
};
const size_t ui_nkeys = sizeof(ui_keys) / sizeof(ui_keys[0]);

void
keys_labels(enum ui_action a, char *buf, size_t len)
{
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < ui_nkeys; i++) {
		if (ui_keys[i].action != a)
			continue;
		if (buf[0] != '\0')
			strlcat(buf, ", ", len);
		strlcat(buf, ui_keys[i].label, len);
	}
}

static bool
dispatch(struct ui *ui, int key, unsigned scope)
{
	const struct ui_action_def *d;
	size_t i;

	for (i = 0; i < ui_nkeys; i++) {
		if (ui_keys[i].key != key)
			continue;
		d = &ui_actions[ui_keys[i].action];
		if ((d->flags & ACTF_GRAPHS) != scope)
			continue;
		if ((d->flags & ACTF_LIVE) && (ui->src == NULL ||
		    !ui->src->live)) {
			ui_message(ui, "%s: only on the live machine", d->name);
			return true;
		}
		d->fn(ui);
		ui->dirty = true;
		return true;
	}
	return false;
}

bool
keys_dispatch(struct ui *ui, int key)
{
	return dispatch(ui, key, 0);
}

bool
keys_dispatch_graphs(struct ui *ui, int key)
{
	return dispatch(ui, key, ACTF_GRAPHS);
}

void
keys_name(int key, char *buf, size_t len)
{
	if (key >= UI_FN(0)) {
		const char *n = keyname(key & ~UI_FN(0));

		snprintf(buf, len, "%s", n != NULL ? n : "?");
	} else if (key < 0x20)
		snprintf(buf, len, "Ctrl-%c", key + '@');
	else if (key < 0x7f)
		snprintf(buf, len, "%c", key);
	else
		snprintf(buf, len, "U+%04X", (unsigned)key);
}
