/* main.c: option parsing and subcommand dispatch only. Composes the
 * modules through src/commands.h; depends on report (sort keys, users). */
#include "config.h"

#include <getopt.h>
#include <limits.h>
#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "report/report.h"

#define DELAY_MIN 0.1
#define DELAY_MAX 86400.0
#define COUNT_MAX 1000000000LL

/* Long options without a short form. */
enum {
	OPT_FORMAT = 256,
	OPT_DB,
	OPT_NO_RECORD,
	OPT_PROC_ROOT,
	OPT_SYS_ROOT,
	OPT_AT,
};

static const struct option long_options[] = {
	{ "batch", no_argument, NULL, 'b' },
	{ "iterations", required_argument, NULL, 'n' },
	{ "delay", required_argument, NULL, 'd' },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "pid", required_argument, NULL, 'p' },
	{ "user", required_argument, NULL, 'u' },
	{ "sort", required_argument, NULL, 's' },
	{ "db", required_argument, NULL, OPT_DB },
	{ "no-record", no_argument, NULL, OPT_NO_RECORD },
	{ "replay", no_argument, NULL, 'r' },
	{ "at", required_argument, NULL, OPT_AT },
	{ "proc-root", required_argument, NULL, OPT_PROC_ROOT },
	{ "sys-root", required_argument, NULL, OPT_SYS_ROOT },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static void
usage(void)
{
	printf(_("Usage: histop [OPTION]...           live view; records history\n"
	    "       histop -b [-n N] [--format text|json|csv] [OPTION]...\n"
	    "       histop -r [DB] [--at TIME]     browse recorded history\n"
	    "       histop record [--db DB] [--interval S] [--retention AGE] "
	    "[--max-size SIZE]\n"
	    "       histop export [--db DB] [--from TIME] [--to TIME] "
	    "[--what AREA] [--format csv|json]\n"
	    "       histop db info [DB]\n"
	    "       histop db check [--full] [DB]\n"));
	printf("\n");
	printf(_("A top-like monitor that records every snapshot to SQLite.\n"));
	printf("\n");
	printf(_("  -b, --batch            print snapshots to standard output, "
	    "no terminal needed\n"
	    "  -n, --iterations N     stop after N snapshots (default: run "
	    "until interrupted)\n"
	    "  -d, --delay SECONDS    time between snapshots, 0.1 to 86400 "
	    "(default 2)\n"
	    "      --format FORMAT    batch output: text (default), json "
	    "(JSON Lines) or csv\n"
	    "  -p, --pid PID[,PID]... show only these processes\n"
	    "  -u, --user USER        show only processes of USER (name or uid)\n"
	    "  -s, --sort KEY         sort processes by KEY: cpu, rss (mem), "
	    "time, pid, user,\n"
	    "                         comm, vms, swap, read, write, threads, "
	    "or any field name\n"
	    "      --db PATH          history database (default "
	    "$XDG_STATE_HOME/histop/history.db)\n"
	    "      --no-record        do not record the live view\n"
	    "  -r, --replay [DB]      browse a database read-only\n"
	    "      --at TIME          with -r: start at TIME (now, -15m, 03:12, "
	    "2026-11-25T03:12:00)\n"
	    "      --proc-root DIR    read /proc from DIR (env HISTOP_PROC_ROOT)\n"
	    "      --sys-root DIR     read /sys from DIR (env HISTOP_SYS_ROOT)\n"
	    "  -h, --help             show this help and exit\n"
	    "  -V, --version          show the version and exit\n"));
	printf("\n");
	printf(_("Exit status: 0 ok, 1 runtime error, 2 usage error.\n"
	    "See histop(1) for the output formats and the keys of the live "
	    "view.\n"));
}

/* An argument as it may be shown in a message: escaped, at most 80 bytes
 * (one buffer: one argument per message). */
static const char *
arg(const char *s)
{
	static char buf[81];

	return text_shown(buf, sizeof(buf), s);
}

/* One line on stderr naming the problem, then exit status 2. */
static int __attribute__((format(printf, 1, 2)))
usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("histop: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, _("; try 'histop --help'\n"));
	return 2;
}

/*
 * Seconds as plain decimal digits ("2", "0.5", ".25"): no sign, exponent,
 * hex, "nan" or "inf", and the same in every locale (strtod would want a
 * ',' under some LC_NUMERIC). Returns false when s is not such a number.
 */
static bool
parse_seconds(const char *s, double *out)
{
	double v = 0, scale = 1;
	bool digits = false, dot = false;

	for (; *s != '\0'; s++) {
		if (*s == '.' && !dot) {
			dot = true;
			continue;
		}
		if (*s < '0' || *s > '9')
			return false;
		digits = true;
		if (dot) {
			scale /= 10;
			v += (*s - '0') * scale;
		} else if (v < 1e12)
			v = v * 10 + (*s - '0');
	}
	*out = v;
	return digits;
}

/* Append the comma-separated pids of s to o->pids. */
static bool
parse_pids(struct cli_opts *o, const char *s, const char **bad)
{
	char *copy = xstrdup(s), *p = copy, *tok;
	size_t cap = o->npids;

	while ((tok = strsep(&p, ",")) != NULL) {
		const char *errstr;
		long long v = strtonum(tok, 1, INT_MAX, &errstr);

		if (errstr != NULL) {
			*bad = s;
			free(copy);
			return false;
		}
		o->pids = xgrow(o->pids, &cap, o->npids, sizeof(*o->pids));
		o->pids[o->npids++] = (pid_t)v;
	}
	free(copy);
	return true;
}

static int
parse_options(int argc, char **argv, struct cli_opts *o, bool *batch)
{
	const char *errstr, *bad = NULL;
	bool replay = false, batch_only = false;
	uid_t uid;
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":bn:d:p:u:s:rhV", long_options,
	    NULL)) != -1) {
		switch (c) {
		case 'b':
			*batch = true;
			break;
		case 'n':
			batch_only = true;
			o->count = (long)strtonum(optarg, 1, COUNT_MAX, &errstr);
			if (errstr != NULL)
				return usage_error(_("invalid count '%s' for "
				    "-n (a whole number from 1)"), arg(optarg));
			break;
		case 'd':
			if (!parse_seconds(optarg, &o->delay) ||
			    o->delay < DELAY_MIN || o->delay > DELAY_MAX)
				return usage_error(_("invalid delay '%s' (seconds "
				    "from 0.1 to 86400, like 2 or 0.5)"), arg(optarg));
			break;
		case OPT_FORMAT:
			batch_only = true;
			if (strcmp(optarg, "text") == 0)
				o->format = FORMAT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				o->format = FORMAT_JSON;
			else if (strcmp(optarg, "csv") == 0)
				o->format = FORMAT_CSV;
			else
				return usage_error(_("unknown format '%s' "
				    "(text, json or csv)"), arg(optarg));
			break;
		case 'p':
			if (!parse_pids(o, optarg, &bad))
				return usage_error(_("invalid process list '%s' "
				    "(process ids separated by commas)"), arg(bad));
			break;
		case 'u':
			if (report_parse_user(optarg, &uid) != 0)
				return usage_error(_("unknown user '%s'"),
				    arg(optarg));
			o->user = optarg;
			break;
		case 's':
			if (report_sort_find(optarg) == NULL)
				return usage_error(_("unknown sort key '%s' (cpu, "
				    "rss, mem, time, pid, user, comm, vms, swap, "
				    "read, write, threads, ...)"), arg(optarg));
			o->sort_key = optarg;
			break;
		case OPT_DB:
			o->db_path = optarg;
			break;
		case OPT_NO_RECORD:
			o->no_record = true;
			break;
		case 'r':
			replay = true;
			break;
		case OPT_AT:
			o->at = optarg;
			break;
		case OPT_PROC_ROOT:
		case OPT_SYS_ROOT:
			if (*optarg == '\0')
				return usage_error(_("%s needs a directory"),
				    c == OPT_PROC_ROOT ? "--proc-root" :
				    "--sys-root");
			if (c == OPT_PROC_ROOT)
				o->probe.proc_root = optarg;
			else
				o->probe.sys_root = optarg;
			break;
		case 'h':
			usage();
			return 0;
		case 'V':
			printf("histop %s\n", PACKAGE_VERSION);
			return 0;
		case ':':
			return usage_error(_("option '%s' needs an argument"),
			    arg(argv[optind - 1]));
		default:
			if (optopt != 0) {
				char opt[3] = { '-', (char)optopt, '\0' };

				return usage_error(_("unknown option '%s'"),
				    arg(opt));
			}
			return usage_error(_("unknown option '%s'"),
			    arg(argv[optind - 1]));
		}
	}
	/* -r takes its database as an optional operand: histop -r [DB]. */
	if (replay) {
		o->replay_db = "";
		if (optind < argc)
			o->replay_db = argv[optind++];
	}
	if (optind < argc)
		return usage_error(_("unexpected argument '%s'"),
		    arg(argv[optind]));
	if (o->at != NULL && !replay)
		return usage_error(_("--at needs -r (it picks a time in a "
		    "recorded history)"));
	if (replay && *batch)
		return usage_error(_("-b and -r cannot be combined"));
	if (batch_only && !*batch)
		return usage_error(_("-n and --format need -b (batch mode)"));
	return -1;
}

int
main(int argc, char **argv)
{
	struct cli_opts o = { .delay = 2, .format = FORMAT_TEXT };
	bool batch = false;
	int r;

#ifdef __GLIBC__
	/*
	 * histop runs for months: keep its memory from ratcheting up. By
	 * default glibc raises its mmap threshold to the size of any mapped
	 * block freed, so after the store's once-a-minute rollup (two whole
	 * snapshots loaded and freed) big arrays come from the heap, whose
	 * holes are never given back. A fixed threshold keeps blocks of 128
	 * KiB and more in their own mappings: freed means returned.
	 */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
	mallopt(M_TRIM_THRESHOLD, 128 * 1024);
#endif
	setlocale(LC_ALL, "");
	i18n_init();

	if (argc > 1 && strcmp(argv[1], "record") == 0)
		return cmd_record(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "export") == 0)
		return cmd_export(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "db") == 0)
		return cmd_db(argc - 1, argv + 1);

	r = parse_options(argc, argv, &o, &batch);
	if (r < 0)
		r = batch ? cmd_batch(&o) : cmd_ui(&o);
	free(o.pids);
	if (r == 0 && (fflush(stdout) != 0 || ferror(stdout))) {
		fprintf(stderr, "histop: %s\n", _("write error on standard "
		    "output"));
		r = 1;
	}
	return r;
}
