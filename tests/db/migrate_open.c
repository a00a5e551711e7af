/*
 * migrate_open.c: a helper of fault_migrate.sh, not a test. Opens the
 * database at argv[1] as the recorder does (db_open_writer(), which
 * migrates an older schema), closes it, and prints how long the open
 * took in milliseconds. Exit 1 with the message when the open fails.
 */
#include "config.h"

#include <stdio.h>
#include <time.h>

#include "db/db.h"

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int
main(int argc, char **argv)
{
	struct db_error e;
	struct db *db;
	double t0;

	if (argc != 2) {
		fprintf(stderr, "usage: migrate_open DB\n");
		return 2;
	}
	t0 = now_ms();
	db = db_open_writer(argv[1], NULL, &e);
	if (db == NULL) {
		fprintf(stderr, "%s\n", e.msg);
		return 1;
	}
	printf("%.0f\n", now_ms() - t0);
	db_close(db);
	return 0;
}
