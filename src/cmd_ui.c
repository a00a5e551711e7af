/*
 * cmd_ui.c: `histop` with no subcommand — the live terminal UI on the
 * sampling engine (src/ui/ui.h), or, with -r, the replay of a history
 * database (issue 5). Composes engine, ui (and db through ui).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "core/clock.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "core/timeparse.h"
#include "core/xalloc.h"
#include "engine.h"
#include "probe/probe.h"
#include "ui/history.h"
#include "ui/ui.h"

/*
 * The same sample in slices for the UI loop: the processes are read
 * LIVE_CHUNK at a time until the slice's deadline passes (a clock read
 * per chunk is nothing next to reading that many /proc directories).
 */
#define LIVE_CHUNK 4

static void
live_begin(void *arg)
{
	engine_begin(arg);
}

static bool
live_step(void *arg, int64_t deadline_ns)
{
	int more;

	while ((more = engine_step(arg, LIVE_CHUNK)) > 0 &&
	    clock_mono_ns() < deadline_ns)
		;
	return more > 0;
}

static const struct snapshot *
live_finish(void *arg, char *err, size_t errlen)
{
	const struct snapshot *s = engine_finish(arg);

	if (s == NULL)
		snprintf(err, errlen, "sampling failed: %s", strerror(errno));
	return s;
}

static void
live_abort(void *arg)
{
	engine_abort(arg);
}

static void
live_set_threads(void *arg, bool on)
{
	probe_set_threads(engine_collector(arg), on);
}

static const struct snapshot *
live_sample(void *arg, char *err, size_t errlen)
{
	live_begin(arg);
	return live_finish(arg, err, errlen);
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

/* Replay: LIVE is the newest stored sample, read again when a recorder
 * commits a newer one. */
static const struct snapshot *
replay_sample(void *arg, char *err, size_t errlen)
{
	return history_follow(arg, err, errlen);
}

/*
 * `histop -r [DB] [--at TIME]`: the same screen over a database opened
 * read-only. Everything that can be wrong with the database or TIME is
 * said before the terminal is touched: one line, exit 1 (2 for a bad
 * TIME), the file untouched.
 */
static int
cmd_ui_replay(const struct cli_opts *o)
{
	struct ui_options uo;
	struct ui_source src;
	struct history *h;
	char err[512], *path;
	int rc;

	ui_options_from(&uo, o);
	if (o->at != NULL) {
		if (timeparse_time(o->at, clock_wall_ns(), &uo.at_ns, err,
		    sizeof(err)) != 0) {
			fprintf(stderr, _("histop: --at: %s\n"), err);
			return 2;
		}
		uo.have_at = true;
	}
	path = o->replay_db[0] != '\0' ? xstrdup(o->replay_db) :
	    paths_default_db();
	if (path == NULL) {
		fputs(_("histop: no default database (no home directory): "
		    "name one, histop -r DB\n"), stderr);
		return 1;
	}
	h = history_new(path, true);
	if (!history_open(h, err, sizeof(err))) {
		fprintf(stderr, _("histop: cannot replay: %s\n"), err);
		history_free(h);
		free(path);
		return 1;
	}
	uo.db_path = path;
	uo.no_record = true;
	src = (struct ui_source){ .sample = replay_sample, .arg = h,
	    .live = false, .name = path };
	rc = ui_main(&uo, &src);
	history_free(h);
	free(path);
	return rc;
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
	src = (struct ui_source){ .sample = live_sample, .begin = live_begin,
	    .step = live_step, .finish = live_finish, .abort = live_abort,
	    .set_threads = live_set_threads, .arg = e, .live = true,
	    .name = "LIVE" };
	rc = ui_main(&uo, &src);
	engine_free(e);
	return rc;
}
