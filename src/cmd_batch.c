/* cmd_batch.c: histop -b — sample with the engine on a monotonic schedule
 * and print each snapshot as text, JSON Lines or CSV. Depends on engine,
 * report and core; never initialises curses. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"
#include "core/clock.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "engine.h"
#include "report/report.h"

/* Set by SIGINT/SIGTERM: stop after the snapshot being written, so the
 * output never ends in half a record. */
static volatile sig_atomic_t stop_requested;

static void
on_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

/* Stop cleanly on sig, unless it was ignored when we started (a
 * background job keeps ignoring SIGINT). SA_RESTART: a write interrupted
 * by it resumes instead of failing; the sleep returns early regardless. */
static void
catch_stop(int sig)
{
	struct sigaction sa, old;

	if (sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

/* Sleep until the monotonic time deadline_ns (absolute), or a stop. */
static void
sleep_until(int64_t deadline_ns)
{
	struct timespec ts = {
		.tv_sec = (time_t)(deadline_ns / NSEC_PER_SEC),
		.tv_nsec = (long)(deadline_ns % NSEC_PER_SEC),
	};

	while (!stop_requested && clock_nanosleep(CLOCK_MONOTONIC,
	    TIMER_ABSTIME, &ts, NULL) == EINTR)
		;
}

/* Limits of the cgroups the shown processes are in (JSON's
 * quota.process_cgroups); memory kept from one snapshot to the next. */
struct proc_cgroups {
	struct snapshot *strings; /* pool for the limits' strings */
	struct snap_cgroup *cg;
	const char **keys;
	size_t n, cap_cg, cap_keys;
	size_t *idx, cap_idx;
	/* the resource limits of processes asked for with -p */
	struct snap_rlimit *rl;
	pid_t *rl_pids;
	size_t nrl, cap_rl, cap_rl_pids;
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* One probe_cgroup() per distinct cgroup of the processes ro selects; with
 * -p, their resource limits too. */
static void
read_proc_cgroups(struct engine *e, const struct snapshot *s,
    struct report_opts *ro, struct proc_cgroups *pc)
{
	size_t i, n, npaths = 0;

	if (pc->strings == NULL)
		pc->strings = snapshot_new();
	snapshot_clear(pc->strings);
	n = report_select(s, ro, &pc->idx, &pc->cap_idx);
	for (i = 0; i < n; i++) {
		const struct snap_proc *p = &s->proc[pc->idx[i]];

		if (!HAVE(p->have, PROC_CGROUP) || p->cgroup == NULL)
			continue;
		pc->keys = xgrow(pc->keys, &pc->cap_keys, npaths,
		    sizeof(*pc->keys));
		pc->keys[npaths++] = p->cgroup;
	}
	if (npaths > 1)
		qsort(pc->keys, npaths, sizeof(*pc->keys), cmp_str);
	pc->n = 0;
	for (i = 0; i < npaths; i++) {
		if (pc->n > 0 && strcmp(pc->keys[i], pc->keys[pc->n - 1]) == 0)
			continue;
		pc->cg = xgrow(pc->cg, &pc->cap_cg, pc->n, sizeof(*pc->cg));
		/* A cgroup that cannot be read is left out, not zeroed. */
		if (probe_cgroup(engine_collector(e), pc->strings, pc->keys[i],
		    &pc->cg[pc->n]) == 0)
			pc->keys[pc->n++] = pc->keys[i];
	}
	ro->cgroups = pc->cg;
	ro->cgroup_keys = pc->keys;
	ro->ncgroups = pc->n;

	/* /proc/PID/limits costs a read per process: only for -p. */
	if (ro->npids == 0)
		return;
	pc->nrl = 0;
	for (i = 0; i < n; i++) {
		pid_t pid = s->proc[pc->idx[i]].pid;

		pc->rl = xgrow(pc->rl, &pc->cap_rl, pc->nrl, sizeof(*pc->rl));
		pc->rl_pids = xgrow(pc->rl_pids, &pc->cap_rl_pids, pc->nrl,
		    sizeof(*pc->rl_pids));
		if (probe_process_limits(engine_collector(e), pid,
		    &pc->rl[pc->nrl]) == 0)
			pc->rl_pids[pc->nrl++] = pid;
	}
	ro->rlimits = pc->rl;
	ro->rlimit_pids = pc->rl_pids;
	ro->nrlimits = pc->nrl;
}

static void
free_proc_cgroups(struct proc_cgroups *pc)
{
	snapshot_free(pc->strings);
	free(pc->cg);
	free(pc->keys);
	free(pc->idx);
	free(pc->rl);
	free(pc->rl_pids);
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
	struct probe_options po = o->probe;
	struct proc_cgroups pc = { 0 };
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
	catch_stop(SIGINT);
	catch_stop(SIGTERM);

	if (o->sort_key != NULL)
		ro.sort = report_sort_find(o->sort_key);
	else if (o->format == FORMAT_TEXT)
		ro.sort = report_sort_find("cpu"); /* as top */
	ro.pids = o->pids;
	ro.npids = o->npids;
	if (o->user != NULL)
		ro.have_uid = report_parse_user(o->user, &ro.uid) == 0;
	ro.text_flags = text_locale_flags();

	/* JSON and CSV carry every process field, the cgroup too. */
	if (o->format != FORMAT_TEXT)
		po.proc_cgroups = true;
	e = engine_new(&po, err, sizeof(err));
	if (e == NULL) {
		char shown[sizeof(err)];

		/* the message may quote a path from the command line */
		fprintf(stderr, "histop: %s\n", err[0] ?
		    text_shown(shown, sizeof(shown), err) :
		    _("cannot start the probe"));
		return 1;
	}
	if (o->format != FORMAT_TEXT)
		w = rw_new(stdout, o->format == FORMAT_JSON ? RW_JSON : RW_CSV,
		    0);

	delay_ns = (int64_t)(o->delay * (double)NSEC_PER_SEC + 0.5);
	deadline = clock_mono_ns();
	for (i = 0; (o->count == 0 || i < o->count) && !stop_requested; i++) {
		if (i > 0) {
			int64_t now;

			deadline += delay_ns;
			sleep_until(deadline);
			if (stop_requested)
				break;
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
		if (o->format == FORMAT_JSON && (s->areas & (1u << AREA_QUOTA)))
			read_proc_cgroups(e, s, &ro, &pc);
		errno = 0;
		if (print_snapshot(o, w, s, &ro) != 0 || fflush(stdout) != 0 ||
		    ferror(stdout)) {
			r = write_error();
			break;
		}
	}
	rw_free(w);
	free_proc_cgroups(&pc);
	engine_free(e);
	return r;
}
