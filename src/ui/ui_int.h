/*
 * ui_int.h: what the files of libui share — the ui state, the view vtable,
 * panes, the process table model, widgets, the key table, formatting.
 * Not for use outside src/ui/ (and its unit tests).
 */
#ifndef HISTOP_UI_UI_INT_H
#define HISTOP_UI_UI_INT_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include "core/snapshot.h"
#include "ui/ui.h"

struct ui;

/* ---- formatting (format.c, text.c): pure ------------------------------ */

void fmt_bytes(char *, size_t, uint64_t);
void fmt_rate(char *, size_t, double);
void fmt_duration(char *, size_t, uint64_t ns);
void fmt_percent(char *, size_t, double);
/*
 * Untrusted bytes as safe display text: at most maxcols columns, control
 * characters and invalid UTF-8 as \xNN (and every non-ASCII byte when
 * !utf8), wide characters never split. dst is always NUL-terminated.
 * Returns the columns used.
 */
int ui_text(char *dst, size_t dstlen, const char *src, size_t len,
    int maxcols, bool utf8);

/* ---- layout (layout.c): pure ------------------------------------------ */

enum ui_pane_id {
	PANE_CPU,
	PANE_MEMORY,
	PANE_LOAD,
	PANE_DISK,
	PANE_NETWORK,
	PANE_PRESSURE,
	PANE_QUOTA,
	PANE_N
};

struct ui_rect {
	int y, x, h, w;
};

#define UI_MIN_COLS 20
#define UI_MIN_ROWS 5

struct ui_layout {
	bool too_small;
	int columns;                  /* pane columns side by side */
	struct ui_rect title;         /* line 0: timeline / header */
	struct ui_rect pane[PANE_N];  /* h == 0: not shown */
	struct ui_rect table;         /* process table incl. its header */
	struct ui_rect status;        /* last line */
};

/* Lines pane `id` wants at `width` columns; 0 hides it. */
typedef int (*ui_want_fn)(void *ctx, int id, int width);
void layout_compute(struct ui_layout *, int rows, int cols, ui_want_fn,
    void *ctx);

/* ---- colours and characters (term.c) ---------------------------------- */

enum ui_color {
	C_DEFAULT,
	C_TITLE,        /* pane labels */
	C_HEADER,       /* table header */
	C_SORTED,       /* the sort column's header */
	C_SELECTED,     /* selected row */
	C_STATUS,       /* bottom line */
	C_WARN,         /* warnings in the status line */
	C_DIM,          /* unknown values, kernel threads */
	C_CPU_USER,
	C_CPU_NICE,
	C_CPU_SYSTEM,
	C_CPU_IOWAIT,
	C_CPU_IRQ,
	C_CPU_SOFTIRQ,
	C_CPU_STEAL,
	C_MEM_USED,
	C_MEM_SHARED,
	C_MEM_BUFFERS,
	C_MEM_CACHED,
	C_RX,
	C_TX,
	C_THREAD,       /* userland threads (H) */
	C_NCOLORS
};

attr_t ui_attr(const struct ui *, enum ui_color);
/* The bar fill character of a colour: a block (UTF-8) or '|' in colour,
 * a distinct ASCII character per segment in monochrome. */
const char *ui_fill(const struct ui *, enum ui_color);

/* ---- process table columns (columns.c) -------------------------------- */

enum ui_col {
	COL_PID,
	COL_USER,
	COL_STATE,
	COL_CPU,
	COL_MEM,
	COL_RSS,
	COL_VIRT,
	COL_SWAP,
	COL_SHR,
	COL_DATA,
	COL_STACK,
	COL_UTIME,
	COL_STIME,
	COL_TIME,
	COL_READ,
	COL_WRITE,
	COL_THREADS,
	COL_NICE,
	COL_COMMAND,
	COL_N
};

struct ui_column {
	const char *name;  /* config and -s key: "pid", "cpu", "rss" */
	const char *title; /* header: "PID", "CPU%" */
	int width;         /* 0: the rest of the line (COMMAND) */
	bool left;         /* left-aligned text */
	bool desc;         /* natural order is largest first */
	enum proc_field need;
	const char *help;  /* column chooser description */
};
extern const struct ui_column ui_columns[COL_N];

/* Index of a column by name or an alias ("mem" -> MEM%, "time"), or -1. */
int col_by_name(const char *);
/* Format one cell (unknown: "-"); mem_total for MEM%, 0 if unknown. */
void col_format(enum ui_col, const struct snap_proc *, uint64_t mem_total,
    char *buf, size_t len);
/* Order of a and b by column c, ascending; unknown values compare last
 * regardless of the direction (see proctab). */
int col_compare(enum ui_col, const struct snap_proc *,
    const struct snap_proc *);
/* Whether p's value for column c is known. */
bool col_known(const struct snap_proc *, enum ui_col);

/* ---- configuration (config.c) ------------------------------------------ */

struct ui_config {
	uint32_t columns;    /* bit per enum ui_col shown */
	int sort;            /* enum ui_col */
	bool invert;         /* reverse the natural order */
	bool tree;
	bool kernel_threads; /* show kernel threads */
	bool threads;        /* show userland threads (H) */
	bool cpu_numbers;    /* CPU pane shows the split as numbers */
	uint32_t panes;      /* bit per enum ui_pane_id shown */
};

void config_defaults(struct ui_config *);
/*
 * Parse a config file's contents over the current values. Bad lines are
 * skipped; returns the number of problems, with the first described in
 * warn. Binary or oversized input leaves cfg at the defaults.
 */
int config_parse(struct ui_config *, const char *buf, size_t len, char *warn,
    size_t warnlen);
/* Size of the text config_format() writes, into buf (NUL-terminated). */
size_t config_format(const struct ui_config *, char *buf, size_t len);
/* $XDG_CONFIG_HOME/histop/histoprc (~/.config/...); caller frees; NULL
 * when neither variable is usable. */
char *config_path(void);
/* Load from path: 0 (absent is fine), -1 with a warning in warn. */
int config_load(struct ui_config *, const char *path, char *warn, size_t);
/* Save atomically (temp + rename, mode 0600): 0, or -1 with err. */
int config_save(const struct ui_config *, const char *path, char *err, size_t);

/* ---- the process table model (proctab.c) ------------------------------- */

struct proc_row {
	uint32_t idx;   /* into snapshot->proc */
	uint16_t depth; /* tree depth, 0 outside tree view */
	bool last;      /* tree: last child of its parent */
	bool folded;    /* tree: its descendants are hidden */
	uint64_t more;  /* tree: bit d set when the ancestor at depth d has
	                 * siblings below (draws the vertical line) */
};

struct proc_filter {
	const char *text;   /* substring of command or user, NULL none */
	const char *user;   /* exact user name or uid, NULL none */
	const pid_t *pids;  /* only these, npids > 0 */
	size_t npids;
	bool kernel_threads;
	bool threads;
};

struct proctab {
	struct proc_row *rows;
	size_t nrows, cap;
	const struct snapshot *snap;
	size_t sel;         /* selected row */
	size_t top;         /* first row shown */
	pid_t sel_pid;      /* follows the process across refreshes */
	bool follow;        /* keep sel_pid selected (the user moved) */
	int hdr_x[COL_N];   /* header positions of the last draw, -1 hidden */
	int hdr_w[COL_N];
	int hdr_y;
	/* tree: processes whose descendants are hidden, by identity */
	struct proc_id {
		pid_t pid;
		uint64_t start_time_ns;
	} *folded;
	size_t nfolded, capfolded;
};

void proctab_free(struct proctab *);
/* Rebuild rows from snap: filter, sort, tree. Keeps the selection. */
void proctab_build(struct proctab *, const struct snapshot *,
    const struct ui_config *, const struct proc_filter *);
bool proc_matches(const struct snap_proc *, const struct proc_filter *);
void proctab_move(struct proctab *, long delta, int page);
const struct snap_proc *proctab_selected(const struct proctab *);
void proctab_draw(struct ui *, struct proctab *, const struct ui_rect *);
/* Column under screen x on the header line, or -1. */
int proctab_column_at(const struct proctab *, int y, int x);
/* Tree view: hide (fold) or show the selected process's descendants.
 * False when nothing is selected or nothing changed. */
bool proctab_fold(struct proctab *, bool fold);

/* ---- widgets ----------------------------------------------------------- */

struct bar_seg {
	double pct;          /* share of the bar, 0..100 */
	enum ui_color color;
};
/*
 * "[####    ]" at y,x over w columns; label after the bar inside w,
 * right-aligned in at least labelw columns so that the bars of one pane
 * ("126M/23.5G" above "0/0") end in the same column.
 */
void bar_draw(struct ui *, int y, int x, int w, const struct bar_seg *,
    int nseg, const char *label, int labelw);
/* Room for a "used/total" label of two fmt_bytes values. */
#define BAR_USAGE_W 11

/* Print untrusted text at y,x in at most w columns (sanitised). */
int ui_put_text(struct ui *, int y, int x, int w, const char *s, attr_t);
/* Print trusted text (our own labels) clipped to w columns. */
int ui_put(struct ui *, int y, int x, int w, const char *s, attr_t);
/* Trusted text whose fields are two spaces apart, cut after the last
 * whole field that fits in w columns. */
int ui_put_fields(struct ui *, int y, int x, int w, const char *s, attr_t);
void ui_fill_line(struct ui *, int y, int x, int w, attr_t);
/* Items gap spaces apart from y,x, wrapped whole to lines indented by
 * indent, at most h drawn (none for a NULL ui): the lines they take. */
int ui_flow(struct ui *, int y, int x, int w, int h, int indent, int gap,
    const char *const *item, int n);

struct ui_prompt {
	bool active;
	char label[64];
	wchar_t buf[128];
	size_t len;
	bool incremental; /* apply as typed (filter) */
	void (*done)(struct ui *, const char *text, bool accepted);
};
void prompt_open(struct ui *, const char *label, const char *init,
    bool incremental, void (*done)(struct ui *, const char *, bool));
/* Feed a key; true when the prompt used it. */
bool prompt_key(struct ui *, int key);
void prompt_draw(struct ui *, const struct ui_rect *);
/* The prompt's text as UTF-8. */
void prompt_text(const struct ui_prompt *, char *buf, size_t len);

struct ui_menu {
	const char *title;
	int n, sel, top;
	/* label of item i (trusted text), checked state, or NULL */
	void (*label)(struct ui *, int i, char *buf, size_t len);
	bool (*checked)(struct ui *, int i);
};
/* Keys: up/down/pgup/pgdn move; returns the key unhandled otherwise. */
bool menu_key(struct ui_menu *, int key, int page);
void menu_draw(struct ui *, struct ui_menu *, const struct ui_rect *);
void menu_draw_over_table(struct ui *, int maxw);

/* ---- views -------------------------------------------------------------- */

struct ui_view {
	const char *name;
	void (*enter)(struct ui *);
	void (*leave)(struct ui *);
	void (*draw)(struct ui *);
	/* true when the key was used */
	bool (*key)(struct ui *, int key);
	void (*resize)(struct ui *);
};

extern const struct ui_view view_main;
extern const struct ui_view view_help;
extern const struct ui_view view_columns;
extern const struct ui_view view_users;
extern const struct ui_view view_signal;

void ui_push_view(struct ui *, const struct ui_view *);
void ui_pop_view(struct ui *);

/* ---- panes (pane_*.c) -------------------------------------------------- */

struct ui_pane {
	const char *name;   /* "cpu" ... (config) */
	const char *title;
	int (*want)(const struct ui *, int width);
	void (*draw)(struct ui *, const struct ui_rect *);
};
extern const struct ui_pane ui_panes[PANE_N];

int pane_cpu_want(const struct ui *, int);
void pane_cpu_draw(struct ui *, const struct ui_rect *);
int pane_memory_want(const struct ui *, int);
void pane_memory_draw(struct ui *, const struct ui_rect *);
int pane_load_want(const struct ui *, int);
void pane_load_draw(struct ui *, const struct ui_rect *);
int pane_disk_want(const struct ui *, int);
void pane_disk_draw(struct ui *, const struct ui_rect *);
int pane_network_want(const struct ui *, int);
void pane_network_draw(struct ui *, const struct ui_rect *);
int pane_pressure_want(const struct ui *, int);
void pane_pressure_draw(struct ui *, const struct ui_rect *);
int pane_quota_want(const struct ui *, int);
void pane_quota_draw(struct ui *, const struct ui_rect *);

/* ---- keys (keys.c) ------------------------------------------------------ */

/* The mouse wheel (ncurses reports it as buttons 4 and 5; 0 where this
 * ncurses has no button 5) moves the table's selection this many rows. */
#define UI_WHEEL_ROWS 3
#define UI_WHEEL_UP BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
#define UI_WHEEL_DOWN BUTTON5_PRESSED
#else
#define UI_WHEEL_DOWN 0
#endif

/* Function keys are ncurses KEY_* codes offset so they never collide with
 * characters read by wget_wch(). */
#define UI_FN(k) (0x01000000 | (k))
#define UI_CTRL(c) ((c) & 0x1f)

enum ui_action {
	ACT_QUIT,
	ACT_HELP,
	ACT_SORT_CPU,
	ACT_SORT_MEM,
	ACT_SORT_TIME,
	ACT_SORT_PID,
	ACT_SORT_LEFT,
	ACT_SORT_RIGHT,
	ACT_SORT_INVERT,
	ACT_FILTER,
	ACT_USER,
	ACT_TREE,
	ACT_COLLAPSE,
	ACT_EXPAND,
	ACT_KERNEL,
	ACT_THREADS,
	ACT_KILL,
	ACT_PAUSE,
	ACT_COLUMNS,
	ACT_CPU_NUMBERS,
	ACT_PANE_CPU,
	ACT_PANE_MEMORY,
	ACT_PANE_LOAD,
	ACT_PANE_DISK,
	ACT_PANE_NETWORK,
	ACT_PANE_PRESSURE,
	ACT_PANE_QUOTA,
	ACT_UP,
	ACT_DOWN,
	ACT_PAGE_UP,
	ACT_PAGE_DOWN,
	ACT_REDRAW,
	/* history (issue 5, timetravel.c) */
	ACT_HIST_BACK,
	ACT_HIST_FWD,
	ACT_HIST_BACK_1M,
	ACT_HIST_FWD_1M,
	ACT_HIST_BACK_10M,
	ACT_HIST_FWD_10M,
	ACT_HIST_BACK_1H,
	ACT_HIST_FWD_1H,
	ACT_HIST_OLDEST,
	ACT_HIST_LIVE,
	ACT_HIST_GOTO,
	ACT_HIST_MARK,
	ACT_HIST_DIFF,
	ACT_GRAPHS,
	ACT_PROC_GRAPH,
	/* the graphs view's own keys (view_graphs.c) */
	ACT_GRAPH_ZOOM_IN,
	ACT_GRAPH_ZOOM_OUT,
	ACT_GRAPH_ZOOM_ALL,
	ACT_GRAPH_BACK,
	ACT_GRAPH_FWD,
	ACT_GRAPH_UP,
	ACT_GRAPH_DOWN,
	ACT_GRAPH_STYLE,
	ACT_GRAPH_NO_PROC,
	ACT_GRAPH_CLOSE,
	ACT_N
};

#define ACTF_LIVE 0x1   /* only on the live machine */
#define ACTF_GRAPHS 0x2 /* a key of the graphs view (its own key space) */

struct ui_action_def {
	const char *name; /* "quit" */
	const char *help; /* one line for the help screen and the man page */
	void (*fn)(struct ui *);
	unsigned flags;
};
extern const struct ui_action_def ui_actions[ACT_N];

struct ui_keydef {
	int key;
	const char *label; /* as in help and man: "q", "F10", "Space" */
	enum ui_action action;
};
extern const struct ui_keydef ui_keys[];
extern const size_t ui_nkeys;

/* Action functions (actions.c). */
void act_quit(struct ui *);
void act_help(struct ui *);
void act_sort_cpu(struct ui *);
void act_sort_mem(struct ui *);
void act_sort_time(struct ui *);
void act_sort_pid(struct ui *);
void act_sort_left(struct ui *);
void act_sort_right(struct ui *);
void act_sort_invert(struct ui *);
void act_filter(struct ui *);
void act_user(struct ui *);
void act_tree(struct ui *);
void act_collapse(struct ui *);
void act_expand(struct ui *);
void act_kernel(struct ui *);
void act_threads(struct ui *);
void act_kill(struct ui *);
void act_pause(struct ui *);
void act_columns(struct ui *);
void act_cpu_numbers(struct ui *);
void act_pane_cpu(struct ui *);
void act_pane_memory(struct ui *);
void act_pane_load(struct ui *);
void act_pane_disk(struct ui *);
void act_pane_network(struct ui *);
void act_pane_pressure(struct ui *);
void act_pane_quota(struct ui *);
void act_up(struct ui *);
void act_down(struct ui *);
void act_page_up(struct ui *);
void act_page_down(struct ui *);
void act_redraw(struct ui *);

/* "q, F10": every label bound to an action, in table order. */
void keys_labels(enum ui_action, char *buf, size_t len);
/* Run the action bound to key; false when the key is unbound. Actions
 * flagged ACTF_GRAPHS are not reached: the graphs view asks for them with
 * keys_dispatch_graphs() first. */
bool keys_dispatch(struct ui *, int key);
bool keys_dispatch_graphs(struct ui *, int key);
/* Human-readable name of any key, for "unknown key" messages. */
void keys_name(int key, char *buf, size_t len);

/* ---- recording (record.c) --------------------------------------------- */

struct ui_recorder;
/* NULL with the reason in msg when recording is off or impossible. */
struct ui_recorder *recorder_open(const char *path, char *msg, size_t len);
/* Write one sample. 0, or -1 with the reason in msg (UI carries on). */
int recorder_write(struct ui_recorder *, const struct snapshot *, char *msg,
    size_t len);
void recorder_close(struct ui_recorder *);
/* Whether the last write succeeded (the title says "recording"). */
bool recorder_active(const struct ui_recorder *);

/* ---- the ui state ------------------------------------------------------- */

#define UI_MAX_VIEWS 4

struct ui {
	/* what the views draw: never sampled here, only handed in */
	const struct snapshot *cur;
	bool is_live;
	const struct snapshot *live; /* newest sample of the source */
	struct snapshot *hold;   /* copy shown while paused */

	const struct ui_source *src;
	struct ui_options opts;
	struct ui_config cfg;
	char *config_file;

	/* terminal */
	SCREEN *screen;
	int rows, cols;
	bool utf8, colour, mouse;

	struct ui_layout layout;
	const struct ui_view *views[UI_MAX_VIEWS];
	int nviews;
	struct proctab tab;
	bool tab_stale;   /* rebuild rows before drawing */

	char *filter;     /* '/' text, NULL none */
	char *user;       /* 'u' choice, NULL all */
	struct ui_prompt prompt;
	struct ui_menu menu;
	int help_top;
	char **users;     /* user view: names offered */
	int nusers;
	pid_t kill_pid;   /* signal view: target, and its start time */
	uint64_t kill_start;
	int kill_sig;
	bool kill_confirm;

	bool quit, paused, dirty;
	int exit_status;
	struct ui_recorder *rec;
	char rec_msg[160];   /* recorder state for the status line */
	char msg[160];       /* transient message */
	int64_t msg_until;
	char sample_err[160];
	struct tt *tt;       /* time travel: position, graphs, diff */
};

/* Set a transient status-line message (printf-style, trusted text). */
void ui_message(struct ui *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
/* Draw line 0 (LIVE or the time shown) and the bottom status line. */
void ui_draw_title(struct ui *);
void ui_draw_status(struct ui *);
/* Recompute the layout for the current size and snapshot. */
void ui_relayout(struct ui *);
/* Current proc_filter from the ui state. */
void ui_filter(const struct ui *, struct proc_filter *);
void ui_save_config(struct ui *);

/* term.c */
int term_start(struct ui *, char *err, size_t errlen);
void term_stop(void);
void term_colours(struct ui *);
void term_resize(struct ui *);
/* The terminal's input descriptor, for poll(). */
int term_fd(void);

#endif
