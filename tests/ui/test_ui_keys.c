/*
 * test_ui_keys.c: the key table — every action reachable, no key bound
 * twice, help text present — and man/histop.1's KEYS section equal to
 * what the table generates. `test_ui_keys --man` prints that section.
 * Links libui and core only.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "core/xalloc.h"
#include "ui/ui_int.h"

static unsigned
scope(const struct ui_keydef *k)
{
	return ui_actions[k->action].flags & ACTF_GRAPHS;
}

/* The action key is bound to in a view (0 or ACTF_GRAPHS), or ACT_N. */
static enum ui_action
bound_in(int key, unsigned view)
{
	size_t i;

	for (i = 0; i < ui_nkeys; i++)
		if (ui_keys[i].key == key && scope(&ui_keys[i]) == view)
			return ui_keys[i].action;
	return ACT_N;
}

/* The KEYS section as the key table says it should read. Caller frees. */
static char *
man_keys(void)
{
	char *out = xstrdup(".SH KEYS\n"
	    "The live view needs a terminal: when standard output is not one "
	    "it exits with status 2 and suggests \\fB\\-b\\fR; an unknown "
	    "or unusable TERM gives \"unknown terminal type\" and status 1; "
	    "after SIGTERM, SIGINT or SIGHUP the terminal is restored and the "
	    "status is 128 plus the signal number. Choices made with these "
	    "keys are saved in \\fI$XDG_CONFIG_HOME/histop/histoprc\\fR; "
	    "NO_COLOR turns colours off.\n.PP\n"
	    "In the live view these keys act at once (generated from the key "
	    "table). With the mouse, a click on a column header sorts by it "
	    "(a second click inverts), a click on a row selects it, and the "
	    "wheel moves the selection three rows a notch.\n");
	char labels[128], roff[256], *n;
	size_t i, j;
	int a;

	for (a = 0; a < ACT_N; a++) {
		if (a == ACT_GRAPH_ZOOM_IN) {
			n = xasprintf("%s.PP\nIn the graphs view (G) these "
			    "keys come first; the others act as above.\n", out);
			free(out);
			out = n;
		}
		keys_labels((enum ui_action)a, labels, sizeof(labels));
		/* a key is typed as shown: "-" is a minus, not a hyphen */
		for (i = j = 0; labels[i] != '\0' && j + 3 < sizeof(roff); i++) {
			if (labels[i] == '-' || labels[i] == '\\')
				roff[j++] = '\\';
			roff[j++] = labels[i];
		}
		roff[j] = '\0';
		n = xasprintf("%s.TP\n.B %s\n%s%s.\n", out, roff,
		    ui_actions[a].help, (ui_actions[a].flags & ACTF_LIVE) ?
		    " [live only]" : "");
		free(out);
		out = n;
	}
	return out;
}

/* The KEYS section of the man page at path, up to the next .SH. */
static char *
man_section(const char *path)
{
	static char buf[1 << 16];
	FILE *f = fopen(path, "r");
	size_t n;
	char *s, *e;

	if (f == NULL)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	if ((s = strstr(buf, "\n.SH KEYS\n")) == NULL)
		return NULL;
	s++;
	if ((e = strstr(s + 1, "\n.SH ")) != NULL)
		e[1] = '\0';
	return s;
}

int
main(int argc, char **argv)
{
	const char *top = getenv("top_srcdir");
	char *want, *path, *got, labels[128];
	size_t i, j;
	int a, unbound = 0, dup = 0, nohelp = 0;

	if (argc > 1 && strcmp(argv[1], "--man") == 0) {
		fputs(want = man_keys(), stdout);
		free(want);
		return 0;
	}
	for (a = 0; a < ACT_N; a++) {
		keys_labels((enum ui_action)a, labels, sizeof(labels));
		unbound += labels[0] == '\0';
		nohelp += ui_actions[a].help == NULL ||
		    ui_actions[a].help[0] == '\0' || ui_actions[a].fn == NULL;
	}
	is_int(unbound, 0, "every action has a key");
	is_int(nohelp, 0, "every action has help text and a function");
	/* the graphs view's keys are a key space of their own */
	for (i = 0; i < ui_nkeys; i++)
		for (j = i + 1; j < ui_nkeys; j++)
			dup += scope(&ui_keys[i]) == scope(&ui_keys[j]) &&
			    (ui_keys[i].key == ui_keys[j].key ||
			    strcmp(ui_keys[i].label, ui_keys[j].label) == 0);
	is_int(dup, 0, "no key bound twice in one view");
	ok(bound_in('-', ACTF_GRAPHS) == ACT_GRAPH_ZOOM_OUT &&
	    bound_in('-', 0) == ACT_COLLAPSE,
	    "- zooms out in the graphs view, folds a subtree in the table");
	ok(bound_in('+', ACTF_GRAPHS) == ACT_GRAPH_ZOOM_IN &&
	    bound_in('a', ACTF_GRAPHS) == ACT_GRAPH_ZOOM_ALL &&
	    bound_in('s', ACTF_GRAPHS) == ACT_GRAPH_STYLE &&
	    bound_in('x', ACTF_GRAPHS) == ACT_GRAPH_NO_PROC &&
	    bound_in('\r', ACTF_GRAPHS) == ACT_GRAPH_CLOSE &&
	    bound_in(UI_FN(KEY_LEFT), ACTF_GRAPHS) == ACT_GRAPH_BACK,
	    "the graphs view's keys are in the table (help and man list them)");
	ok(bound_in('a', 0) == ACT_N && bound_in('s', 0) == ACT_N &&
	    bound_in('x', 0) == ACT_N,
	    "and do not leak into the main view");
	keys_labels(ACT_QUIT, labels, sizeof(labels));
	is_str(labels, "q, F10", "quit is q and F10");
	keys_labels(ACT_HELP, labels, sizeof(labels));
	is_str(labels, "h, ?, F1", "help is h, ? and F1");
	keys_labels(ACT_SORT_MEM, labels, sizeof(labels));
	is_str(labels, "M", "M sorts by memory");
	ok(ui_actions[ACT_KILL].flags & ACTF_LIVE, "kill is live only");
	/* htop's keys are where its users expect them */
	for (i = 0; i < ui_nkeys; i++)
		if (ui_keys[i].key == 'P')
			break;
	ok(i < ui_nkeys && ui_keys[i].action == ACT_SORT_CPU, "P sorts by CPU");
	keys_name(UI_CTRL('l'), labels, sizeof(labels));
	is_str(labels, "Ctrl-L", "control key names");
	keys_name('x', labels, sizeof(labels));
	is_str(labels, "x", "plain key names");

	path = xasprintf("%s/man/histop.1", top != NULL ? top : ".");
	got = man_section(path);
	want = man_keys();
	ok(got != NULL, "man page has a KEYS section");
	is_str(got != NULL ? got : "", want,
	    "man KEYS section matches the key table (regenerate with "
	    "tests/ui/test_ui_keys --man)");
	free(want);
	free(path);
	return tap_done();
}
