/*
 * cmd_export.c: `histop export` — samples of a history database as JSON
 * Lines (one object per sample, report_json's shape) or CSV (one row per
 * sample, CPU, device or process, with a header row), over a TIME range,
 * for one area or all. Composes db, report and core.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "core/clock.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "core/snapshot.h"
#include "core/timeparse.h"
#include "db/db.h"
#include "report/report.h"

static void
usage(FILE *f)
{
	fputs(_("usage: histop export [--db PATH] [--from TIME] [--to TIME] "
	    "[--what cpu|memory|load|disk|network|io|quota|processes] "
	    "[--format csv|json]\n"), f);
}

static int
bad(const char *msg)
{
	fprintf(stderr, "histop export: %s\n", msg);
	usage(stderr);
	return 2;
}

static void
u64_have(struct rw *w, const char *name, bool have, uint64_t v)
{
	if (have)
		rw_u64(w, name, v);
	else
		rw_null(w, name);
}

static void
dbl_have(struct rw *w, const char *name, bool have, double v)
{
	if (have)
		rw_double(w, name, v, 2);
	else
		rw_null(w, name);
}

static void
row_begin(struct rw *w, const struct snapshot *s, const char *iso)
{
	rw_begin(w);
	rw_u64(w, "seq", s->seq);
	rw_str(w, "time", iso);
}

/* CSV rows of one system area: one per CPU, device, interface or
 * resource, or one per sample. 0, or -1 on a write error. */
static int
csv_area(struct rw *w, const struct snapshot *s, int area)
{
	char iso[40], name[48];
	size_t i;
	int k, r = 0;

	report_time_iso(iso, sizeof(iso), s->wall_ns);
	switch (area) {
	case AREA_CPU:
		for (i = 0; i < s->ncpu && r == 0; i++) {
			const struct snap_cpu *c = &s->cpu[i];

			row_begin(w, s, iso);
			if (c->id < 0)
				rw_str(w, "cpu", "total");
			else
				rw_i64(w, "cpu", c->id);
			dbl_have(w, "usage_percent", c->have_pct,
			    c->usage_percent);
			for (k = 0; k < CPU_NFIELDS; k++) {
				snprintf(name, sizeof(name), "%s_percent",
				    cpu_field_names[k]);
				dbl_have(w, name, c->have_pct && HAVE(c->have, k),
				    c->pct[k]);
			}
			for (k = 0; k < CPU_NFIELDS; k++) {
				snprintf(name, sizeof(name), "%s_ns",
				    cpu_field_names[k]);
				u64_have(w, name, HAVE(c->have, k), c->ns[k]);
			}
			r = rw_end(w);
		}
		break;
	case AREA_MEMORY:
		row_begin(w, s, iso);
		for (k = 0; k < MEM_NFIELDS; k++)
			u64_have(w, mem_field_names[k], HAVE(s->mem.have, k),
			    s->mem.v[k]);
		dbl_have(w, "usage_percent", s->mem.have_pct,
		    s->mem.usage_percent);
		r = rw_end(w);
		break;
	case AREA_LOAD:
		row_begin(w, s, iso);
		for (k = 0; k < 3; k++)
			dbl_have(w, load_field_names[k], HAVE(s->load.have, k),
			    s->load.avg[k]);
		u64_have(w, "tasks_running", HAVE(s->load.have, LOAD_RUNNING),
		    s->load.running);
		u64_have(w, "tasks_total", HAVE(s->load.have, LOAD_TASKS),
		    s->load.tasks);
		r = rw_end(w);
		break;
	case AREA_DISK: /* block devices; filesystems are in the JSON */
		for (i = 0; i < s->ndisk && r == 0; i++) {
			const struct snap_disk *d = &s->disk[i];

			row_begin(w, s, iso);
			rw_str(w, "device", d->name);
			for (k = 0; k < DISK_NFIELDS; k++)
				u64_have(w, disk_field_names[k],
				    HAVE(d->have, k), d->v[k]);
			dbl_have(w, "read_bytes_per_sec", d->have_rate,
			    d->rate[DISK_READ_BYTES]);
			dbl_have(w, "write_bytes_per_sec", d->have_rate,
			    d->rate[DISK_WRITE_BYTES]);
			dbl_have(w, "busy_percent", d->have_rate,
			    d->rate[DISK_BUSY_NS]);
			r = rw_end(w);
		}
		break;
	case AREA_NETWORK:
		for (i = 0; i < s->nnet && r == 0; i++) {
			const struct snap_net *n = &s->net[i];

			row_begin(w, s, iso);
			rw_str(w, "interface", n->name);
			if (n->up < 0)
				rw_null(w, "up");
			else
				rw_i64(w, "up", n->up);
			for (k = 0; k < NET_NFIELDS; k++)
				u64_have(w, net_field_names[k],
				    HAVE(n->have, k), n->v[k]);
			dbl_have(w, "rx_bytes_per_sec", n->have_rate,
			    n->rate[NET_RX_BYTES]);
			dbl_have(w, "tx_bytes_per_sec", n->have_rate,
			    n->rate[NET_TX_BYTES]);
			r = rw_end(w);
		}
		break;
	case AREA_PRESSURE:
		for (k = 0; k < PSI_NRES && r == 0; k++) {
			const struct psi_line *l[2] = { &s->psi[k].some,
				&s->psi[k].full };
			int j;

			row_begin(w, s, iso);
			rw_str(w, "resource", psi_resource_names[k]);
			for (j = 0; j < 2; j++) {
				const char *kind = j == 0 ? "some" : "full";

				snprintf(name, sizeof(name), "%s_avg10", kind);
				dbl_have(w, name, l[j]->have, l[j]->avg10);
				snprintf(name, sizeof(name), "%s_avg60", kind);
				dbl_have(w, name, l[j]->have, l[j]->avg60);
				snprintf(name, sizeof(name), "%s_avg300", kind);
				dbl_have(w, name, l[j]->have, l[j]->avg300);
				snprintf(name, sizeof(name), "%s_total_ns", kind);
				u64_have(w, name, l[j]->have, l[j]->total_ns);
				snprintf(name, sizeof(name), "%s_stall_percent",
				    kind);
				dbl_have(w, name, l[j]->have_rate, l[j]->rate);
			}
			r = rw_end(w);
		}
		break;
	case AREA_QUOTA:
		row_begin(w, s, iso);
		if (s->cgroup.version > 0)
			rw_i64(w, "cgroup_version", s->cgroup.version);
		else
			rw_null(w, "cgroup_version");
		rw_str(w, "cgroup_path", s->cgroup.path);
		/* "unlimited" is a value of its own, not a number. */
		for (k = 0; k < QUOTA_NFIELDS; k++)
			if (HAVE(s->cgroup.unlimited, k))
				rw_str(w, quota_field_names[k], "unlimited");
			else
				u64_have(w, quota_field_names[k],
				    HAVE(s->cgroup.have, k), s->cgroup.v[k]);
		r = rw_end(w);
		break;
	}
	return r;
}

static int
area_by_name(const char *name)
{
	int i;

	for (i = 0; i < AREA_NAREAS; i++)
		if (strcmp(name, area_names[i]) == 0)
			return i;
	return -1;
}

int
cmd_export(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'D' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "what", required_argument, NULL, 'w' },
		{ "format", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *from_s = NULL, *to_s = NULL;
	char *path = NULL, err[256];
	int64_t now = clock_wall_ns(), from = INT64_MIN, to = INT64_MAX;
	enum rw_format fmt = RW_JSON;
	struct report_opts ro = { 0 };
	struct snapshot *s;
	struct db_sample *list = NULL;
	struct db_error e;
	struct db *db;
	struct rw *w;
	size_t n = 0, i;
	int c, area = -1, r = 0, ret = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "D:f:t:w:F:h", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'D':
			free(path);
			path = strdup(optarg);
			break;
		case 'f':
			from_s = optarg;
			break;
		case 't':
			to_s = optarg;
			break;
		case 'w':
			if ((area = area_by_name(optarg)) < 0) {
				snprintf(err, sizeof(err), _("unknown area "
				    "'%s'"), optarg);
				return bad(err);
			}
			break;
		case 'F':
			if (strcmp(optarg, "json") == 0)
				fmt = RW_JSON;
			else if (strcmp(optarg, "csv") == 0)
				fmt = RW_CSV;
			else {
				snprintf(err, sizeof(err), _("unknown format "
				    "'%s' (csv or json)"), optarg);
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
		return bad(_("unexpected argument"));
	if ((from_s != NULL && timeparse_time(from_s, now, &from, err,
	    sizeof(err)) != 0) || (to_s != NULL && timeparse_time(to_s, now,
	    &to, err, sizeof(err)) != 0))
		return bad(err);
	if (from > to)
		return bad(_("--from is after --to"));
	if (path == NULL && (path = paths_default_db()) == NULL) {
		fputs(_("histop export: no home directory for the default "
		    "database; use --db PATH\n"), stderr);
		return 1;
	}
	db = db_open_reader(path, &e);
	free(path);
	if (db == NULL) {
		fprintf(stderr, "histop export: %s\n", e.msg);
		return 1;
	}
	if (db_samples(db, from, to, &list, &n) != DB_OK) {
		fprintf(stderr, "histop export: %s\n", db_errmsg(db));
		db_close(db);
		return 1;
	}
	/* A closed pipe is a write error to report, not a signal to die of. */
	signal(SIGPIPE, SIG_IGN);
	w = rw_new(stdout, fmt, 0);
	s = snapshot_new();
	if (fmt == RW_CSV && area < 0)
		area = AREA_PROCESSES; /* CSV rows must share their columns */
	for (i = 0; i < n && r == 0; i++) {
		if (db_snapshot(db, list[i].seq, s) != DB_OK) {
			fprintf(stderr, "histop export: %s\n", db_errmsg(db));
			ret = 1;
			break;
		}
		if (fmt == RW_JSON) {
			if (area >= 0)
				s->areas &= 1u << area;
			r = report_json(w, s, &ro);
		} else if (area == AREA_PROCESSES)
			r = report_csv(w, s, &ro);
		else if (s->areas & (1u << area))
			r = csv_area(w, s, area);
	}
	if (r == 0 && rw_flush(w) != 0)
		r = -1;
	if (r != 0) {
		fprintf(stderr, _("histop export: write error: %s\n"),
		    strerror(errno));
		ret = 1;
	}
	rw_free(w);
	snapshot_free(s);
	free(list);
	db_close(db);
	return ret;
}
