/*
 * test_fault_samefile.c: a writer and a reader of one database in one
 * process, as in the live UI (recording, and browsing its history). SQLite
 * locks with POSIX locks, which a close() of any descriptor of the file
 * drops for the whole process: opening the reader must not cost the
 * writer its lock. Else the next other process to close the database
 * (the sqlite3 CLI) takes it for the last user, checkpoints and deletes
 * the -wal under the writer, and every sample written after that is
 * invisible to others and lost with the writer. For both orders (writer
 * then reader, reader then writer with the reader closed again), another
 * process opens and closes the database read-write between samples, the
 * writer writes more and is killed with SIGKILL: the -wal is still there
 * after the other process, and every sample is in the file.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/snapshot.h"
#include "db/db.h"
#include "synth.h"
#include "tap.h"

#define NPROC 40
#define FIRST 5
#define MORE 5

/* The writer process: FIRST samples, a reader beside the writer, tell the
 * parent (byte on up), wait for it (byte on down), MORE samples, die. */
static void
child(const char *path, int order, int up, int down)
{
	struct snapshot *s = snapshot_new();
	struct db_sample smp;
	struct db_error e;
	struct db *w = NULL, *r = NULL;
	char c = 'x';
	int i;

	if (order == 1 && (r = db_open_reader(path, &e)) == NULL)
		_exit(10);
	if ((w = db_open_writer(path, NULL, &e)) == NULL)
		_exit(11);
	for (i = 0; i < FIRST; i++) {
		synth_fill(s, i, NPROC);
		if (db_write(w, s, NULL) != DB_OK)
			_exit(12);
	}
	if (order == 0 && (r = db_open_reader(path, &e)) == NULL)
		_exit(13);
	if (db_last(r, &smp) != DB_OK)
		_exit(14);
	if (order == 1) {
		db_close(r);
		r = NULL;
	}
	if (write(up, &c, 1) != 1 || read(down, &c, 1) != 1)
		_exit(15);
	for (; i < FIRST + MORE; i++) {
		synth_fill(s, i, NPROC);
		if (db_write(w, s, NULL) != DB_OK)
			_exit(16);
	}
	/* A crash, not a close: nothing is checkpointed on the way out. */
	kill(getpid(), SIGKILL);
	_exit(17);
}

int
main(void)
{
	static const char *const name[] = { "writer, then reader",
		"reader, then writer" };
	char dir[] = "/tmp/histop-fault-XXXXXX", path[512], wal[600], nm[128];
	struct snapshot *s = snapshot_new();
	struct db_error e;
	struct stat st;
	int order, up[2], down[2], status;
	pid_t pid;
	char c;

	if (mkdtemp(dir) == NULL)
		return 1;
	for (order = 0; order < 2; order++) {
		snprintf(path, sizeof(path), "%s/h%d.db", dir, order);
		snprintf(wal, sizeof(wal), "%s-wal", path);
		if (order == 1) {
			/* The reader needs a database to open first. */
			struct db *w = db_open_writer(path, NULL, &e);

			synth_fill(s, 0, NPROC);
			if (w == NULL || db_write(w, s, NULL) != DB_OK)
				return 1;
			db_close(w);
		}
		fflush(stdout);
		if (pipe(up) != 0 || pipe(down) != 0)
			return 1;
		if ((pid = fork()) == 0) {
			close(up[0]);
			close(down[1]);
			child(path, order, up[1], down[0]);
		}
		close(up[1]);
		close(down[0]);
		if (read(up[0], &c, 1) != 1) {
			waitpid(pid, &status, 0);
			ok(0, "%s: the writer started (exit %d)", name[order],
			    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
			continue;
		}
		snprintf(nm, sizeof(nm), "%s: another process reads the "
		    "samples so far", name[order]);
		/* Another program: open read-write, read, close. */
		is_int((int)synth_q1_rw(path, "SELECT count(*) FROM sample"),
		    FIRST + order, nm);
		ok(stat(wal, &st) == 0, "%s: the writer's -wal survives the "
		    "other process closing the database", name[order]);
		if (write(down[1], "g", 1) != 1)
			return 1;
		waitpid(pid, &status, 0);
		close(up[0]);
		close(down[1]);
		ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
		    "%s: the writer wrote %d more samples and was killed",
		    name[order], MORE);
		snprintf(nm, sizeof(nm), "%s: every sample is in the file",
		    name[order]);
		is_int((int)synth_q1(path, "SELECT count(*) FROM sample"),
		    FIRST + MORE + order, nm);
		snprintf(nm, sizeof(nm), "%s: integrity_check ok",
		    name[order]);
		is_int((int)synth_q1(path, "SELECT count(*) FROM "
		    "pragma_integrity_check WHERE integrity_check != 'ok'"), 0,
		    nm);
	}
	snapshot_free(s);
	synth_rmtree(dir);
	return tap_done();
}
