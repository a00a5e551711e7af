/* cmd_batch.c: histop -b — sample with the engine on a monotonic schedule
 * and print each snapshot as text, JSON Lines or CSV. Depends on engine,
 * report and core; never initialises curses. */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "commands.h"
#include "core/clock.h"
#include "core/i18n.h"
#include "core/text.h"
#include "engine.h"
#include "report/report.h"

/* Sleep until the monotonic time deadline_ns (absolute). */
static void
sleep_until(int64_t deadline_ns)
{
	struct timespec ts = {
		.tv_sec = (time_t)(deadline_ns / NSEC_PER_SEC),
		.tv_nsec = (long)(deadline_ns % NSEC_PER_SEC),
	};

	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) ==
	    EINTR)
		;
}

static int
write_error(void)
{
	fprintf(stderr, "histop: %s: %s\n", _("write error"),
	    strerror(errno != 0 ? errno : EIO));
	return 1;
}

static int
print_snapshot(const struct cli_opts *o, struct rw *w,
    const struct snapshot *s, const struct report_opts *ro)
{
	switch (o->format) {
	case FORMAT_JSON:
		return report_json(w, s, ro);
	case FORMAT_CSV:
		return report_csv(w, s, ro);
	case FORMAT_TEXT:
		break;
	}
	return report_text(stdout, s, ro);
}

int
cmd_batch(const struct cli_opts *o)
{
	struct report_opts ro = { 0 };
	struct engine *e;
	struct rw *w = NULL;
	const struct snapshot *s;
	char err[512] = "";
	int64_t delay_ns, deadline;
	long i;
	int r = 0;

	/* A closed pipe must become a write error we report, not a silent
	 * death by SIGPIPE. */
	signal(SIGPIPE, SIG_IGN);

	if (o->sort_key != NULL)
		ro.sort = report_sort_find(o->sort_key);
	else if (o->format == FORMAT_TEXT)
		ro.sort = report_sort_find("cpu"); /* as top */
	ro.pids = o->pids;
	ro.npids = o->npids;
	if (o->user != NULL)
		ro.have_uid = report_parse_user(o->user, &ro.uid) == 0;
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		ro.text_flags = TEXT_ASCII;

	e = engine_new(&o->probe, err, sizeof(err));
	if (e == NULL) {
		fprintf(stderr, "histop: %s\n", err[0] ? err :
		    _("cannot start the probe"));
		return 1;
	}
	if (o->format != FORMAT_TEXT)
		w = rw_new(stdout, o->format == FORMAT_JSON ? RW_JSON : RW_CSV,
		    0);

	delay_ns = (int64_t)(o->delay * (double)NSEC_PER_SEC + 0.5);
	deadline = clock_mono_ns();
	for (i = 0; o->count == 0 || i < o->count; i++) {
		if (i > 0) {
			int64_t now;

			deadline += delay_ns;
			sleep_until(deadline);
			now = clock_mono_ns();
			if (now - deadline > delay_ns)
				deadline = now; /* fell behind: don't burst */
		}
		s = engine_sample(e);
		if (s == NULL) {
			fprintf(stderr, "histop: %s: %s\n",
			    _("cannot read the system"), strerror(errno));
			r = 1;
			break;
		}
		errno = 0;
		if (print_snapshot(o, w, s, &ro) != 0 || fflush(stdout) != 0 ||
		    ferror(stdout)) {
			r = write_error();
			break;
		}
	}
	rw_free(w);
	engine_free(e);
	return r;
}
