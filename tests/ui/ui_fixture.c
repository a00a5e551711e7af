/*
 * ui_fixture.c: the live UI on synthetic snapshots (tests/ui/synth.c), so
 * the terminal tests can check layout, keys and hostile text without a
 * probe. Usage: ui_fixture [NPROC [DELAY [TICKS]]]; after TICKS samples it
 * ends itself with SIGTERM (bench/bench_ui.sh counts the UI's own cost per
 * refresh that way). Links libui and core only.
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>

#include "synth.h"
#include "ui/ui.h"

struct fixture {
	struct snapshot *s;
	unsigned tick, ticks;
	size_t nproc;
};

static const struct snapshot *
fixture_sample(void *arg, char *err, size_t errlen)
{
	struct fixture *f = arg;

	(void)err;
	(void)errlen;
	if (f->ticks > 0 && f->tick >= f->ticks)
		raise(SIGTERM); /* handled by the UI: a clean exit */
	synth_fill(f->s, ++f->tick, f->nproc);
	return f->s;
}

int
main(int argc, char **argv)
{
	struct fixture f = { snapshot_new(), 0, 0, 40 };
	struct ui_options o = { .delay = 1, .no_record = true };
	struct ui_source src = { fixture_sample, &f, false, "fixture" };
	int rc;

	if (argc > 1)
		f.nproc = (size_t)strtoul(argv[1], NULL, 10);
	if (argc > 2)
		o.delay = strtod(argv[2], NULL);
	if (argc > 3)
		f.ticks = (unsigned)strtoul(argv[3], NULL, 10);
	rc = ui_main(&o, &src);
	snapshot_free(f.s);
	return rc;
}
