/*
 * commands.h: the entry points main.c dispatches to, one file each
 * (src/cmd_*.c). Each returns the process exit status: 0 ok, 1 runtime
 * error, 2 usage error.
 */
#ifndef HISTOP_COMMANDS_H
#define HISTOP_COMMANDS_H

#include <stdbool.h>
#include <sys/types.h>

#include "probe/probe.h"

enum out_format { FORMAT_TEXT, FORMAT_JSON, FORMAT_CSV };

/* Options of the top-level command line (live UI, -r replay, -b batch). */
struct cli_opts {
	double delay;              /* -d seconds, default 2 */
	long count;                /* -n, 0 = forever */
	enum out_format format;    /* --format */
	const char *db_path;       /* --db, NULL = default */
	bool no_record;            /* --no-record */
	const char *sort_key;      /* -s, NULL = default */
	const char *user;          /* -u */
	pid_t *pids;               /* -p list */
	size_t npids;
	const char *replay_db;     /* -r [DB]: non-NULL in replay mode ("" = default) */
	const char *at;            /* --at TIME */
	struct probe_options probe; /* --proc-root, --sys-root */
};

int cmd_batch(const struct cli_opts *);
int cmd_ui(const struct cli_opts *);       /* live, or replay when replay_db */
/* Subcommands parse their own arguments; argv[0] is the subcommand name. */
int cmd_record(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_db(int argc, char **argv);

#endif
