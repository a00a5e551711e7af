/*
 * test_db_changes.c: the writer stores a process row exactly when one of
 * its stored values (or whether it is known) changed since the last
 * committed sample: one field at a time, strings changed in place with
 * the same length, values rebuilt at new addresses, and after a reopen
 * (values unknown: every live process gets a row). Links db + core.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/snapshot.h"
#include "db/db.h"
#include "synth.h"
#include "tap.h"

static const pid_t pids[] = { 10, 20, 30 };
#define NP (sizeof(pids) / sizeof(pids[0]))
#define VICTIM 1 /* index of the process that changes */

static int64_t mono = 1000000000;

/* Three processes with every stored field known; process VICTIM gets
 * field f changed (f NULL: none), or its bit cleared if forget. */
static void
fill(struct snapshot *s, const struct field_desc *f, bool forget)
{
	size_t i;

	snapshot_clear(s);
	mono += 1000000000;
	s->mono_ns = mono;
	s->wall_ns = SYNTH_T0 + mono;
	s->areas = AREA_ALL;
	strlcpy(s->boot_id, "b0", sizeof(s->boot_id));
	for (i = 0; i < NP; i++) {
		struct snap_proc *p = snapshot_add_proc(s);
		char buf[64];

		p->pid = pids[i];
		p->ppid = 1;
		p->uid = 1000;
		p->state = 'S';
		p->threads = 2;
		p->nice = -5;
		p->start_time_ns = 777 + i;
		p->user_time_ns = 10;
		p->system_time_ns = 20;
		p->total_time_ns = 30;
		p->rss_bytes = 4096;
		p->vms_bytes = 8192;
		p->swap_bytes = 0;
		p->shared_bytes = 1024;
		p->data_bytes = 2048;
		p->stack_bytes = 512;
		p->read_bytes = 5;
		p->write_bytes = 6;
		snprintf(buf, sizeof(buf), "ab%d", (int)i);
		p->comm = snapshot_str(s, buf, strlen(buf));
		p->cmdline = snapshot_str(s, "ab --x", 6);
		p->user = snapshot_str(s, "ab", 2);
		p->cgroup = snapshot_str(s, "/ab", 3);
		p->have = (UINT64_C(1) << PROC_NFIELDS) - 1;
		p->have &= ~((UINT64_C(1) << PROC_USAGE_PERCENT) |
		    (UINT64_C(1) << PROC_READ_RATE) |
		    (UINT64_C(1) << PROC_WRITE_RATE));
		if (i != VICTIM || f == NULL)
			continue;
		if (forget) {
			p->have &= ~(UINT64_C(1) << f->bit);
			continue;
		}
		{
			char *v = (char *)p + f->offset;

			switch (f->type) {
			case FT_PID:
				*(pid_t *)(void *)v += 1;
				break;
			case FT_UID:
				*(uid_t *)(void *)v += 1;
				break;
			case FT_CHAR:
				*v = 'R';
				break;
			case FT_I32:
				*(int32_t *)(void *)v += 1;
				break;
			case FT_U64:
				*(uint64_t *)(void *)v += 1;
				break;
			case FT_STR: {
				/* Same length, two bytes swapped. */
				const char *o = *(const char **)(void *)v;
				char t[64];

				strlcpy(t, o, sizeof(t));
				t[0] = o[1];
				t[1] = o[0];
				*(const char **)(void *)v = snapshot_str(s, t,
				    strlen(t));
				break;
			}
			case FT_DOUBLE:
				break;
			}
		}
	}
}

/* Rows stored at seq, all processes / the victim only. */
static long long
rows(const char *path, uint64_t seq, bool victim)
{
	char sql[256];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM proc p JOIN "
	    "process r ON r.id = p.id WHERE p.seq = %llu%s",
	    (unsigned long long)seq, victim ? " AND r.pid = 20" : "");
	return synth_q1(path, sql);
}

static bool
stored(const struct field_desc *f)
{
	return f->type != FT_DOUBLE && f->bit != PROC_PID &&
	    f->bit != PROC_START_TIME;
}

int
main(void)
{
	char dir[] = "/tmp/histop-dbch-XXXXXX", path[512];
	struct snapshot *s = snapshot_new();
	struct db_error e;
	struct db *db;
	uint64_t seq;
	size_t k;
	int forget;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/h.db", dir);
	db = db_open_writer(path, NULL, &e);
	ok(db != NULL, "writer opens");
	if (db == NULL)
		return tap_done();
	fill(s, NULL, false);
	is_int(db_write(db, s, &e), DB_OK, "first sample");
	fill(s, NULL, false);
	is_int(db_write(db, s, &e), DB_OK, "same values again");
	db_close(db);
	is_int(rows(path, 1, false), (long long)NP, "first sample: a row each");
	is_int(rows(path, 2, false), 0,
	    "same values at new addresses: no row");

	db = db_open_writer(path, NULL, &e);
	ok(db != NULL, "writer reopens");
	if (db == NULL)
		return tap_done();
	seq = 3;
	fill(s, NULL, false);
	db_write(db, s, &e);
	fill(s, NULL, false);
	db_write(db, s, &e);
	/* Each stored field, changed then known no more, then back. */
	for (k = 0; k < proc_nfields; k++) {
		if (!stored(&proc_fields[k]))
			continue;
		for (forget = 0; forget < 2; forget++) {
			fill(s, &proc_fields[k], forget);
			db_write(db, s, &e);
			fill(s, NULL, false);
			db_write(db, s, &e);
		}
	}
	db_close(db);
	is_int(rows(path, 3, false), (long long)NP,
	    "after a reopen every live process gets a row");
	is_int(rows(path, 4, false), 0, "then idle ones none");
	seq = 5;
	for (k = 0; k < proc_nfields; k++) {
		if (!stored(&proc_fields[k]))
			continue;
		for (forget = 0; forget < 2; forget++) {
			char name[96];

			snprintf(name, sizeof(name), "%s %s: a row for that "
			    "process only", proc_fields[k].name, forget ?
			    "becomes unknown" : "changes");
			ok(rows(path, seq, false) == 1 &&
			    rows(path, seq, true) == 1, "%s", name);
			snprintf(name, sizeof(name), "%s back: a row for that "
			    "process only", proc_fields[k].name);
			ok(rows(path, seq + 1, false) == 1 &&
			    rows(path, seq + 1, true) == 1, "%s", name);
			seq += 2;
		}
	}

	/* Many more distinct strings than the writer caches: 3 waves of 3000
	 * one-sample processes, each with its own command line, the third
	 * wave reusing the first's. Every string is stored once. */
	snprintf(path, sizeof(path), "%s/churn.db", dir);
	db = db_open_writer(path, NULL, &e);
	ok(db != NULL, "writer opens (churn)");
	for (k = 0; db != NULL && k < 9; k++) {
		size_t wave = k / 3 == 2 ? 0 : k / 3, i;
		char buf[64];

		snapshot_clear(s);
		mono += 1000000000;
		s->mono_ns = mono;
		s->wall_ns = SYNTH_T0 + mono;
		for (i = 0; i < 1000; i++) {
			struct snap_proc *p = snapshot_add_proc(s);
			size_t n = wave * 3000 + (k % 3) * 1000 + i;

			p->pid = (pid_t)(100 + i);
			p->start_time_ns = k;
			snprintf(buf, sizeof(buf), "job --n=%zu", n);
			p->cmdline = snapshot_str(s, buf, strlen(buf));
			p->have = (UINT64_C(1) << PROC_PID) |
			    (UINT64_C(1) << PROC_START_TIME) |
			    (UINT64_C(1) << PROC_CMDLINE);
		}
		if (db_write(db, s, &e) != DB_OK)
			printf("# churn write %zu: %s\n", k, e.msg);
	}
	db_close(db);
	is_int(synth_q1(path, "SELECT count(*) FROM str WHERE "
	    "CAST(s AS TEXT) LIKE 'job --n=%'"), 6000,
	    "6000 distinct command lines stored once each");
	is_int(synth_q1(path, "SELECT count(*) FROM proc"), 9000,
	    "a row per process");
	is_int(synth_q1(path, "SELECT count(DISTINCT cmdline) FROM proc"), 6000,
	    "reused strings map to the ids they had");

	/* Threads the live UI asked the probe for (H) are shown, never
	 * stored: sample 1 has a thread 31 of process 30; in sample 2 the
	 * thread is gone and pid 31 is a new process. */
	snprintf(path, sizeof(path), "%s/threads.db", dir);
	db = db_open_writer(path, NULL, &e);
	ok(db != NULL, "writer opens (threads)");
	for (k = 0; db != NULL && k < 2; k++) {
		struct snap_proc *t;

		fill(s, NULL, false);
		t = snapshot_add_proc(s);
		t->pid = 31;
		t->ppid = 30;
		t->thread = k == 0;
		t->start_time_ns = 900 + k;
		t->state = 'S';
		t->comm = snapshot_str(s, k == 0 ? "worker" : "newproc", k == 0 ?
		    6 : 7);
		t->have = (UINT64_C(1) << PROC_PID) | (UINT64_C(1) <<
		    PROC_PPID) | (UINT64_C(1) << PROC_START_TIME) |
		    (UINT64_C(1) << PROC_STATE) | (UINT64_C(1) << PROC_COMM);
		snapshot_sort_procs(s);
		is_int(db_write(db, s, &e), DB_OK, k == 0 ?
		    "a sample with a thread entry" : "then pid 31 a process");
	}
	db_close(db);
	is_int(synth_q1(path, "SELECT nproc FROM sample WHERE seq = 1"),
	    (long long)NP, "sample 1 counts its processes, not the thread");
	is_int(synth_q1(path, "SELECT count(*) FROM process WHERE pid = 31"), 1,
	    "the thread never stored as a process");
	is_int(synth_q1(path, "SELECT first_seq FROM process WHERE pid = 31"), 2,
	    "pid 31 stored when it became a process");
	is_int(synth_q1(path, "SELECT count(*) FROM proc p JOIN process r ON "
	    "r.id = p.id WHERE r.pid = 31"), 1, "one row for it, at sample 2");
	is_int(synth_q1(path, "SELECT nproc FROM sample WHERE seq = 2"),
	    (long long)NP + 1, "sample 2 counts it");

	snapshot_free(s);
	synth_rmtree(dir);
	return tap_done();
}
