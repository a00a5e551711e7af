/*
 * lock.c: one writer per database. flock(LOCK_EX|LOCK_NB) on <db>.lock,
 * a separate file (POSIX locks on the database itself would be dropped
 * by SQLite's own close()), holding the writer's pid so a second writer
 * can name it. The kernel drops a flock with its process: it cannot go
 * stale after kill -9. Depends on libc.
 */
#include "config.h"

#include "db/db_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/xalloc.h"

/* Pid written by the holder; 0 when unreadable. */
static pid_t
read_pid(int fd)
{
	char buf[32];
	ssize_t n;
	long v;
	char *end;

	n = pread(fd, buf, sizeof(buf) - 1, 0);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	v = strtol(buf, &end, 10);
	if (end == buf || v <= 0 || v > INT32_MAX)
		return 0;
	return (pid_t)v;
}

int
db_lock(const char *dbpath, struct db_error *err)
{
	char *path = xasprintf("%s.lock", dbpath);
	char buf[32];
	struct stat st;
	int fd, n;

	fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (errno == ELOOP)
			db_seterr(err, DB_ERR_SYMLINK, "%s: is a symbolic link; "
			    "refusing to use it", path);
		else
			db_seterr(err, DB_ERR_IO, "%s: %s", path,
			    strerror(errno));
		free(path);
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		db_seterr(err, DB_ERR_IO, "%s: not a regular file", path);
		goto fail;
	}
	/* The pid is written over the file: never over another one's. */
	if (st.st_nlink != 1) {
		db_seterr(err, DB_ERR_SYMLINK, "%s: has %ju hard links; refusing "
		    "to use it", path, (uintmax_t)st.st_nlink);
		goto fail;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK) {
			pid_t pid = read_pid(fd);
			int tries;

			/* The holder writes its pid just after taking the
			 * lock: one that started a moment ago gets 200 ms. */
			for (tries = 0; pid == 0 && tries < 20; tries++) {
				usleep(10000);
				pid = read_pid(fd);
			}

			if (pid > 0)
				db_seterr(err, DB_ERR_LOCKED,
				    "%s: already recording (pid %ld)", dbpath,
				    (long)pid);
			else
				db_seterr(err, DB_ERR_LOCKED,
				    "%s: already recording (another process)",
				    dbpath);
			err->pid = pid;
		} else
			db_seterr(err, DB_ERR_IO, "%s: lock: %s", path,
			    strerror(errno));
		goto fail;
	}
	n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) != 0 || pwrite(fd, buf, (size_t)n, 0) != n) {
		/* The lock holds without the pid; only the message suffers. */
	}
	free(path);
	return fd;
fail:
	close(fd);
	free(path);
	return -1;
}

void
db_unlock(int fd)
{
	if (fd < 0)
		return;
	/* Leave the file in place: removing it would race a new writer
	 * that already opened it. Truncate the pid so it is not misread. */
	if (ftruncate(fd, 0) != 0) {
		/* nothing more to do */
	}
	close(fd);
}
