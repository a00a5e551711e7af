/*
 * cmd_record.c: `histop record`, the headless recorder: the engine's
 * snapshots into the history store at a fixed monotonic cadence, without
 * a terminal. Write failures (disk full, read-only) are reported once per
 * episode while sampling goes on; SIGTERM/SIGINT finish the sample in
 * flight, checkpoint and exit 0. Composes engine, db and core.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "core/clock.h"
#include "core/paths.h"
#include "core/timeparse.h"
#include "core/xalloc.h"
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

/*
 * The pidfile. libbsd's pidfile_open() follows a symlink and writes into
 * whatever file is there: a recorder run as root with --pidfile in a
 * directory others can write would overwrite the target of a planted
 * link (and unlink the link at exit). Here the file is opened without
 * following a symlink, refused unless it is a regular file with no other
 * hard link, created 0600, and flock()ed so a second recorder names the
 * first. -1 with the message in err.
 */
static int
pid_open(const char *path, char *err, size_t len)
{
	struct stat st;
	char buf[32];
	ssize_t n;
	long other;
	int fd;

	fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC,
	    0600);
	if (fd < 0) {
		snprintf(err, len, "%s: %s", path, errno == ELOOP ?
		    "is a symbolic link; refusing to use it" : strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1) {
		snprintf(err, len, "%s: %s; refusing to use it", path,
		    !S_ISREG(st.st_mode) ? "not a regular file" :
		    "it has other hard links");
		close(fd);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		int e = errno;

		n = pread(fd, buf, sizeof(buf) - 1, 0);
		buf[n > 0 ? n : 0] = '\0';
		other = strtol(buf, NULL, 10);
		if (e == EWOULDBLOCK && other > 0)
			snprintf(err, len, "%s: already running (pid %ld)",
			    path, other);
		else if (e == EWOULDBLOCK)
			snprintf(err, len, "%s: already running", path);
		else
			snprintf(err, len, "%s: %s", path, strerror(e));
		close(fd);
		return -1;
	}
	return fd;
}

static void
pid_write(int fd)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());

	if (ftruncate(fd, 0) != 0 || pwrite(fd, buf, (size_t)n, 0) != n) {
		/* the lock holds; only "already running" loses the pid */
	}
}

/* Remove the pidfile if path still names it, then let the lock go. */
static void
pid_remove(int fd, const char *path)
{
	struct stat a, b;

	if (fstat(fd, &a) == 0 && lstat(path, &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
		unlink(path);
	close(fd);
}

/*
 * One sample, read in slices so that a stop request abandons the walk at
 * once instead of finishing it: thousands of processes on a loaded
 * machine take seconds to read, and SIGTERM must end the recorder within
 * 2 s (RELIABILITY.md 74). NULL with errno set when nothing could be
 * read, or when stopped (errno 0): nothing was written then.
 */
#define RECORD_SLICE_PROCS 64

static const struct snapshot *
record_sample(struct engine *eng)
{
	int r = engine_begin(eng);

	if (r != 0) {
		errno = -r;
		return NULL;
	}
	while (engine_step(eng, RECORD_SLICE_PROCS) > 0) {
		if (record_stop) {
			engine_abort(eng);
			errno = 0;
			return NULL;
		}
	}
	return engine_finish(eng);
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
	struct db_writer_options wo = { .check_unclean = true };
	struct probe_options po = { 0 };
	const char *pidpath = NULL, *dbarg = NULL, *errstr;
	char *path = NULL, err[256];
	int64_t interval = 2 * NSEC_PER_SEC, next;
	long long count = 0, done = 0, lost = 0;
	int good = 0;
	int pidfd = -1;
	struct engine *eng;
	struct db_error e;
	struct db *db;
	struct sigaction sa;
	bool failing = false, sample_failing = false;
	int c, mode, ret = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "D:i:d:R:S:P:n:h", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'D':
			dbarg = optarg;
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
	/* copied only now: every usage error above returns, leaking nothing */
	if (dbarg != NULL)
		path = xstrdup(dbarg);
	else if ((path = paths_default_db()) == NULL) {
		fputs("histop record: no home directory for the default "
		    "database; use --db PATH\n", stderr);
		return 1;
	}
	/* Before the database is opened: a stop asked for while it opens
	 * (schema, recovery) or while the first sample is read is a clean
	 * exit 0 too, not death by the default action. */
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

	if (pidpath != NULL) {
		pidfd = pid_open(pidpath, err, sizeof(err));
		if (pidfd < 0) {
			fprintf(stderr, "histop record: %s\n", err);
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
	if (pidfd >= 0)
		pid_write(pidfd);

	next = clock_mono_ns();
	while (!record_stop) {
		const struct snapshot *s = record_sample(eng);
		enum db_status st;

		if (s == NULL && record_stop)
			break;
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
	if (pidfd >= 0)
		pid_remove(pidfd, pidpath);
	free(path);
	return ret;
}
