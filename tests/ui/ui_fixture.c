/*
 * ui_fixture.c: the live UI on synthetic snapshots (tests/ui/synth.c), so
 * the terminal tests can check layout, keys and hostile text without a
 * probe. Usage: ui_fixture [NPROC [DELAY [TICKS]]]; after TICKS samples it
 * ends itself with SIGTERM (bench/bench_ui.sh counts the UI's own cost per
 * refresh that way). Links libui and core only.
 *
 * Samples are taken in slices, as the live source does: begin clears the
 * buffer the sample is built in (never the one on screen), steps fill it.
 * With HISTOP_FIXTURE_GATE=DIR a test holds samples in progress: begin
 * creates DIR/begun.N, every slice sleeps until its deadline (the cost of
 * reading a slice of /proc) and sample N completes only once DIR/go.N
 * exists; abandoning it creates DIR/aborted.N. HISTOP_FIXTURE_DB=PATH
 * gives the UI a history database to travel through.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "synth.h"
#include "ui/ui.h"

struct fixture {
	struct snapshot *s[2];
	int shown;              /* s[shown] is the last complete sample */
	unsigned tick, ticks;
	size_t nproc;
	const char *gate;       /* HISTOP_FIXTURE_GATE, or NULL */
};

/* DIR/NAME.N: create it (touch) or ask whether it exists. */
static bool
gate_file(const struct fixture *f, const char *name, bool create)
{
	char path[PATH_MAX];
	int fd;

	snprintf(path, sizeof path, "%s/%s.%u", f->gate, name, f->tick);
	if (!create)
		return access(path, F_OK) == 0;
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	if (fd >= 0)
		close(fd);
	return fd >= 0;
}

static void
fixture_begin(void *arg)
{
	struct fixture *f = arg;

	if (f->ticks > 0 && f->tick >= f->ticks)
		raise(SIGTERM); /* handled by the UI: a clean exit */
	f->tick++;
	/* the UI must never show this one before it is complete */
	snapshot_clear(f->s[!f->shown]);
	if (f->gate != NULL)
		gate_file(f, "begun", true);
}

static bool
fixture_step(void *arg, int64_t deadline_ns)
{
	struct fixture *f = arg;

	if (f->gate != NULL && !gate_file(f, "go", false)) {
		int64_t left = deadline_ns - clock_mono_ns();
		struct timespec ts = { 0, left <= 0 ? 0 :
		    left > 10000000 ? 10000000 : (long)left };

		while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
			;
		return true;
	}
	synth_fill(f->s[!f->shown], f->tick, f->nproc);
	return false;
}

static const struct snapshot *
fixture_finish(void *arg, char *err, size_t errlen)
{
	struct fixture *f = arg;

	(void)err;
	(void)errlen;
	f->shown = !f->shown;
	return f->s[f->shown];
}

static void
fixture_abort(void *arg)
{
	struct fixture *f = arg;

	snapshot_clear(f->s[!f->shown]);
	if (f->gate != NULL)
		gate_file(f, "aborted", true);
}

static const struct snapshot *
fixture_sample(void *arg, char *err, size_t errlen)
{
	fixture_begin(arg);
	while (fixture_step(arg, INT64_MAX))
		;
	return fixture_finish(arg, err, errlen);
}

int
main(int argc, char **argv)
{
	struct fixture f = { { snapshot_new(), snapshot_new() }, 0, 0, 0, 40,
		NULL };
	struct ui_options o = { .delay = 1, .no_record = true };
	struct ui_source src = { .sample = fixture_sample,
		.begin = fixture_begin, .step = fixture_step,
		.finish = fixture_finish, .abort = fixture_abort, .arg = &f,
		.live = false, .name = "fixture" };
	int rc;

	if (argc > 1)
		f.nproc = (size_t)strtoul(argv[1], NULL, 10);
	if (argc > 2)
		o.delay = strtod(argv[2], NULL);
	if (argc > 3)
		f.ticks = (unsigned)strtoul(argv[3], NULL, 10);
	f.gate = getenv("HISTOP_FIXTURE_GATE");
	o.db_path = getenv("HISTOP_FIXTURE_DB");
	rc = ui_main(&o, &src);
	snapshot_free(f.s[0]);
	snapshot_free(f.s[1]);
	return rc;
}
