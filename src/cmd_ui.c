/*
 * cmd_ui.c: `histop` with no subcommand — the live terminal UI on the
 * sampling engine (src/ui/ui.h), or, with -r, the replay of a history
 * database (issue 5). Composes engine, ui (and db through ui).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "engine.h"
#include "ui/ui.h"

static const struct snapshot *
live_sample(void *arg, char *err, size_t errlen)
{
	const struct snapshot *s = engine_sample(arg);

	if (s == NULL)
		snprintf(err, errlen, "sampling failed: %s", strerror(errno));
	return s;
}

static void
ui_options_from(struct ui_options *u, const struct cli_opts *o)
{
	memset(u, 0, sizeof(*u));
	u->delay = o->delay;
	u->db_path = o->db_path;
	u->no_record = o->no_record;
	u->sort_key = o->sort_key;
	u->user = o->user;
	u->pids = o->pids;
	u->npids = o->npids;
}

/*
 * HOOK for time travel (issue 5): replay o->replay_db ("" = the default
 * database) read-only, starting at o->at. Build a struct ui_source whose
 * sample() serves snapshots from the store's reader (live = false, so
 * signals are refused) and hand it to ui_main(); views draw whatever
 * ui_show() gives them.
 */
static int
cmd_ui_replay(const struct cli_opts *o)
{
	(void)o;
	fputs("histop: -r (replay) is not implemented yet\n", stderr);
	return 1;
}

int
cmd_ui(const struct cli_opts *o)
{
	struct ui_options uo;
	struct ui_source src;
	struct engine *e;
	char err[256];
	int rc;

	if (o->replay_db != NULL)
		return cmd_ui_replay(o);
	ui_options_from(&uo, o);
	if ((e = engine_new(&o->probe, err, sizeof(err))) == NULL) {
		fprintf(stderr, "histop: %s\n", err);
		return 1;
	}
	src = (struct ui_source){ .sample = live_sample, .arg = e,
	    .live = true, .name = "LIVE" };
	rc = ui_main(&uo, &src);
	engine_free(e);
	return rc;
}
