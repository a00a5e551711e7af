/*
 * cmd_record.c: `histop record`, the headless recorder: the engine's
 * snapshots into the history store at a fixed monotonic cadence, without
 * a terminal. Write failures (disk full, read-only) are reported once per
 * episode while sampling goes on; SIGTERM/SIGINT finish the sample in
 * flight, checkpoint and exit 0. Composes engine, db and core.
 */
#include "config.h"

#include <libutil.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"
#include "core/clock.h"
#include "core/paths.h"
#include "core/timeparse.h"
#include "db/db.h"
#include "engine.h"

/*
 * A write-failure episode ends after this many good writes in a row. Near
 * a limit (a full disk, RLIMIT_FSIZE) some samples still fit, e.g. small
 * ones or after SQLite reuses checkpointed WAL space, and that flapping
 * must not print two lines every few samples.
 */
#define RECOVERED_AFTER 10

static volatile sig_atomic_t record_stop;

static void
on_signal(int sig)
{
	(void)sig;
	record_stop = 1;
}

static void
usage(FILE *f)
{
	fputs("usage: histop record [--db PATH] [--interval S] "
	    "[--retention AGE] [--max-size SIZE] [--pidfile PATH] "
	    "[--count N]\n", f);
}

static int
bad(const char *msg)
{
	fprintf(stderr, "histop record: %s\n", msg);
	usage(stderr);
	return 2;
}

/* Sleep until the monotonic deadline, or a stop signal. */
static void
sleep_until(int64_t deadline)
{
	struct timespec ts;

	ts.tv_sec = (time_t)(deadline / NSEC_PER_SEC);
	ts.tv_nsec = (long)(deadline % NSEC_PER_SEC);
	while (!record_stop && clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME,
	    &ts, NULL) == EINTR)
		;
}

int
cmd_record(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'D' },
		{ "interval", required_argument, NULL, 'i' },
		{ "delay", required_argument, NULL, 'd' },
		{ "retention", required_argument, NULL, 'R' },
		{ "max-size", required_argument, NULL, 'S' },
		{ "pidfile", required_argument, NULL, 'P' },
		{ "count", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct db_writer_options wo = { 0 };
	struct probe_options po = { 0 };
	const char *pidpath = NULL, *errstr;
	char *path = NULL, err[256];
	int64_t interval = 2 * NSEC_PER_SEC, next;
	long long count = 0, done = 0, lost = 0;
	int good = 0;
	struct pidfh *pfh = NULL;
	struct engine *eng;
	struct db_error e;
	struct db *db;
	struct sigaction sa;
	bool failing = false, sample_failing = false;
	pid_t other;
	int c, mode, ret = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "D:i:d:R:S:P:n:h", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'D':
			free(path);
			path = strdup(optarg);
			break;
		case 'i':
		case 'd':
			if (timeparse_interval(optarg, NSEC_PER_SEC / 10,
			    86400 * NSEC_PER_SEC, &interval, err,
			    sizeof(err)) != 0)
				return bad(err);
			break;
		case 'R':
			if (timeparse_age(optarg, &wo.retention_ns, err,
			    sizeof(err)) != 0)
				return bad(err);
			break;
		case 'S':
			if (timeparse_size(optarg, &wo.max_size, err,
			    sizeof(err)) != 0)
				return bad(err);
			break;
		case 'P':
			pidpath = optarg;
			break;
		case 'n':
			count = strtonum(optarg, 1, LLONG_MAX, &errstr);
			if (errstr != NULL) {
				snprintf(err, sizeof(err), "count '%s' is %s",
				    optarg, errstr);
				return bad(err);
			}
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc)
		return bad("unexpected argument");
	if (path == NULL && (path = paths_default_db()) == NULL) {
		fputs("histop record: no home directory for the default "
		    "database; use --db PATH\n", stderr);
		return 1;
	}
	if (pidpath != NULL) {
		pfh = pidfile_open(pidpath, 0600, &other);
		if (pfh == NULL) {
			if (errno == EEXIST)
				fprintf(stderr, "histop record: %s: already "
				    "running (pid %ld)\n", pidpath, (long)other);
			else
				fprintf(stderr, "histop record: %s: %s\n",
				    pidpath, strerror(errno));
			free(path);
			return 1;
		}
	}
	db = db_open_writer(path, &wo, &e);
	if (db == NULL) {
		fprintf(stderr, "histop record: %s\n", e.msg);
		ret = 1;
		goto out;
	}
	if ((mode = db_exposed_mode(db)) != 0)
		fprintf(stderr, "histop record: warning: %s is readable by "
		    "others (mode %04o) and holds every user's command lines; "
		    "chmod 600 it\n", path, (unsigned)mode);
	eng = engine_new(&po, err, sizeof(err));
	if (eng == NULL) {
		fprintf(stderr, "histop record: %s\n", err);
		db_close(db);
		ret = 1;
		goto out;
	}
	if (pfh != NULL)
		pidfile_write(pfh);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal; /* no SA_RESTART: sleeps end at once */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	/* Past RLIMIT_FSIZE a write must fail with EFBIG (reported, retried
	 * like a full disk), not kill the recorder. */
	signal(SIGXFSZ, SIG_IGN);
	signal(SIGHUP, SIG_IGN);

	next = clock_mono_ns();
	while (!record_stop) {
		const struct snapshot *s = engine_sample(eng);
		enum db_status st;

		if (s == NULL) {
			if (!sample_failing)
				fprintf(stderr, "histop record: cannot sample: "
				    "%s; retrying\n", strerror(errno));
			sample_failing = true;
		} else {
			sample_failing = false;
			st = db_write(db, s, &e);
			if (st != DB_OK) {
				/* Once per episode, not once per sample. */
				if (!failing)
					fprintf(stderr, "histop record: %s; "
					    "still sampling, will retry\n",
					    e.msg);
				failing = true;
				good = 0;
				lost++;
			} else if (failing && ++good >= RECOVERED_AFTER) {
				fprintf(stderr, "histop record: %s: writing "
				    "again (%lld samples not recorded)\n",
				    path, lost);
				failing = false;
				lost = 0;
			}
			if (st == DB_ERR_CORRUPT) {
				ret = 1;
				break;
			}
		}
		if (count > 0 && ++done >= count)
			break;
		next += interval;
		if (next < clock_mono_ns()) /* late: skip, never burst */
			next = clock_mono_ns() + interval;
		sleep_until(next);
	}
	engine_free(eng);
	db_close(db);
out:
	if (pfh != NULL)
		pidfile_remove(pfh);
	free(path);
	return ret;
}
