/*
 * cmd_db.c: `histop db info [PATH]` — what a history database holds: time
 * range, samples, size, resolution tiers, schema version; `histop db check
 * [--full] [PATH]` — whether the file is whole. Opens the file read-only.
 * Composes db and core.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "core/xalloc.h"
#include "db/db.h"

static void
usage(FILE *f)
{
	fputs(_("usage: histop db info [PATH]\n"
	    "       histop db check [--full] [PATH]\n"), f);
}

static const char *
when(char *buf, size_t len, int64_t ns)
{
	time_t t = (time_t)(ns / 1000000000);
	struct tm tm;

	if (ns == 0 || localtime_r(&t, &tm) == NULL)
		return "-";
	strftime(buf, len, "%Y-%m-%d %H:%M:%S %z", &tm);
	return buf;
}

static const char *
size(char *buf, size_t len, uint64_t v)
{
	static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	double d = (double)v;
	int u = 0;

	while (d >= 1024 && u < 4) {
		d /= 1024;
		u++;
	}
	if (u == 0)
		snprintf(buf, len, "%llu B", (unsigned long long)v);
	else
		snprintf(buf, len, "%.1f %s", d, unit[u]);
	return buf;
}

static const char *
span(char *buf, size_t len, int64_t ns)
{
	int64_t s = ns / 1000000000;

	if (s >= 86400)
		snprintf(buf, len, "%lldd %lldh", (long long)(s / 86400),
		    (long long)(s % 86400 / 3600));
	else if (s >= 3600)
		snprintf(buf, len, "%lldh %lldm", (long long)(s / 3600),
		    (long long)(s % 3600 / 60));
	else
		snprintf(buf, len, "%lldm %llds", (long long)(s / 60),
		    (long long)(s % 60));
	return buf;
}

static int
db_info_cmd(const char *path)
{
	static const char *const tier_names[3] = {
		N_("full resolution"), N_("1-minute rollups"),
		N_("10-minute rollups"),
	};
	char a[64], b[64], c[32];
	struct db_info in;
	struct db_error e;
	struct db *db;
	int t;

	db = db_open_reader(path, &e);
	if (db == NULL) {
		fprintf(stderr, "histop db: %s\n", e.msg);
		return 1;
	}
	if (db_get_info(db, &in) != DB_OK) {
		fprintf(stderr, "histop db: %s\n", db_errmsg(db));
		db_close(db);
		return 1;
	}
	db_close(db);
	printf(_("database:   %s\n"), path);
	printf(_("schema:     version %d\n"), in.schema_version);
	printf(_("size:       %s on disk, "), size(a, sizeof(a), in.size_bytes));
	printf(_("%s in use\n"), size(b, sizeof(b), in.used_bytes));
	printf(_("samples:    %llu (seq %llu to %llu)\n"),
	    (unsigned long long)in.samples, (unsigned long long)in.first_seq,
	    (unsigned long long)in.last_seq);
	printf(_("from:       %s\n"), when(a, sizeof(a), in.first_wall_ns));
	printf(_("to:         %s\n"), when(a, sizeof(a), in.last_wall_ns));
	printf(_("processes:  %llu\n"), (unsigned long long)in.processes);
	printf(_("tiers:\n"));
	for (t = 0; t < 3; t++) {
		if (in.tier[t].rows == 0) {
			printf(_("  %-18s none\n"), _(tier_names[t]));
			continue;
		}
		printf(_("  %-18s %llu, %s to %s (%s)\n"), _(tier_names[t]),
		    (unsigned long long)in.tier[t].rows,
		    when(a, sizeof(a), in.tier[t].first_ns),
		    when(b, sizeof(b), in.tier[t].last_ns),
		    span(c, sizeof(c), in.tier[t].last_ns -
		    in.tier[t].first_ns));
	}
	return ferror(stdout) || fflush(stdout) != 0 ? 1 : 0;
}

static void
print_problem(void *arg, const char *problem)
{
	(void)arg;
	printf("  %s\n", problem);
}

/* 0: whole; 1: damaged or unreadable (the problems on stdout, the
 * verdict on stderr). */
static int
db_check_cmd(const char *path, bool full)
{
	struct db_error e;
	struct db *db;
	enum db_status st;

	db = db_open_reader(path, &e);
	if (db == NULL) {
		fprintf(stderr, "histop db: %s\n", e.msg);
		return 1;
	}
	st = db_check(db, full, print_problem, NULL);
	if (st == DB_OK)
		printf(_("%s: ok (%s)\n"), path, full ? "integrity_check" :
		    "quick_check");
	else
		fprintf(stderr, "histop db: %s\n", db_errmsg(db));
	db_close(db);
	if (ferror(stdout) || fflush(stdout) != 0)
		return 1;
	return st == DB_OK ? 0 : 1;
}

int
cmd_db(int argc, char **argv)
{
	const char *sub;
	char *path = NULL;
	bool full = false;
	int i, r;

	if (argc >= 2 && (strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0)) {
		usage(stdout);
		return 0;
	}
	sub = argc >= 2 ? argv[1] : "";
	if (strcmp(sub, "info") != 0 && strcmp(sub, "check") != 0) {
		if (argc >= 2)
			fprintf(stderr, _("histop db: unknown command '%s'\n"),
			    sub);
		usage(stderr);
		return 2;
	}
	for (i = 2; i < argc; i++) {
		if (strcmp(sub, "check") == 0 && strcmp(argv[i], "--full") == 0)
			full = true;
		else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(stderr, _("histop db: unknown option '%s'\n"),
			    argv[i]);
			usage(stderr);
			return 2;
		} else if (path == NULL)
			path = xstrdup(argv[i]);
		else {
			free(path);
			usage(stderr);
			return 2;
		}
	}
	if (path == NULL && (path = paths_default_db()) == NULL) {
		fputs(_("histop db: no home directory for the default "
		    "database; give PATH\n"), stderr);
		return 1;
	}
	r = strcmp(sub, "info") == 0 ? db_info_cmd(path) :
	    db_check_cmd(path, full);
	free(path);
	return r;
}
