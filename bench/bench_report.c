/*
 * bench_report.c: CPU cost of rendering one snapshot of N processes as
 * JSON Lines, CSV and text (libreport), side by side with a printf floor: a
 * minimal writer that prints the same process fields with one fprintf per
 * process and no escaping at all (what the cheapest unsafe exporter would
 * do). Output goes to /dev/null, so only formatting is measured.
 *
 *   bench/bench_report [NPROCS [ROUNDS]]      (default 5000 procs, 50 rounds)
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/snapshot.h"
#include "report/report.h"

static int64_t
cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* A machine with n processes and every field known. */
static void
fill(struct snapshot *s, size_t n)
{
	char buf[160];
	size_t i;
	int b;

	s->areas = 1u << AREA_PROCESSES;
	s->wall_ns = INT64_C(1795000000000000000);
	for (i = 0; i < n; i++) {
		struct snap_proc *p = snapshot_add_proc(s);

		p->pid = (pid_t)(100 + i);
		p->ppid = 1;
		p->uid = 1000;
		p->user = snapshot_str(s, "alice", 5);
		p->state = 'S';
		snprintf(buf, sizeof(buf), "worker-%zu", i);
		p->comm = snapshot_str(s, buf, strlen(buf));
		snprintf(buf, sizeof(buf), "/usr/lib/app/worker --id=%zu "
		    "--config=/etc/app/worker.conf --log-level=info", i);
		p->cmdline = snapshot_str(s, buf, strlen(buf));
		p->cgroup = snapshot_str(s, "/system.slice/app.service", 25);
		p->threads = 4;
		p->start_time_ns = 1000000000ULL * i;
		p->user_time_ns = 123456789ULL * (i % 100);
		p->system_time_ns = 23456789ULL * (i % 100);
		p->total_time_ns = p->user_time_ns + p->system_time_ns;
		p->usage_percent = (double)(i % 1000) / 10;
		p->rss_bytes = 4096ULL * (1000 + i);
		p->vms_bytes = p->rss_bytes * 8;
		p->shared_bytes = p->rss_bytes / 2;
		p->data_bytes = p->rss_bytes / 3;
		p->stack_bytes = 135168;
		p->read_bytes = 4096ULL * i;
		p->write_bytes = 8192ULL * i;
		p->read_rate = 12.5;
		p->write_rate = 0;
		for (b = 0; b < PROC_NFIELDS; b++)
			HAVE_SET(p->have, b);
	}
}

/* The floor: one fprintf per process, no escaping, no null handling. */
static void
printf_floor(FILE *f, const struct snapshot *s)
{
	size_t i;

	fputs("{\"processes\":[", f);
	for (i = 0; i < s->nproc; i++) {
		const struct snap_proc *p = &s->proc[i];

		fprintf(f, "%s{\"pid\":%d,\"ppid\":%d,\"uid\":%u,\"user\":\"%s\","
		    "\"state\":\"%c\",\"comm\":\"%s\",\"cmdline\":\"%s\","
		    "\"threads\":%d,\"nice\":%d,\"start_time_ns\":%" PRIu64 ","
		    "\"user_time_ns\":%" PRIu64 ",\"system_time_ns\":%" PRIu64 ","
		    "\"total_time_ns\":%" PRIu64 ",\"usage_percent\":%.2f,"
		    "\"rss_bytes\":%" PRIu64 ",\"vms_bytes\":%" PRIu64 ","
		    "\"swap_bytes\":%" PRIu64 ",\"shared_bytes\":%" PRIu64 ","
		    "\"data_bytes\":%" PRIu64 ",\"stack_bytes\":%" PRIu64 ","
		    "\"read_bytes\":%" PRIu64 ",\"write_bytes\":%" PRIu64 ","
		    "\"read_rate\":%.2f,\"write_rate\":%.2f,\"cgroup\":\"%s\"}",
		    i ? "," : "", (int)p->pid, (int)p->ppid, (unsigned)p->uid,
		    p->user, p->state, p->comm, p->cmdline, p->threads, p->nice,
		    p->start_time_ns, p->user_time_ns, p->system_time_ns,
		    p->total_time_ns, p->usage_percent, p->rss_bytes,
		    p->vms_bytes, p->swap_bytes, p->shared_bytes, p->data_bytes,
		    p->stack_bytes, p->read_bytes, p->write_bytes, p->read_rate,
		    p->write_rate, p->cgroup);
	}
	fputs("]}\n", f);
}

enum which { FLOOR, JSON, CSV, TEXT, NWHICH };
static const char *const names[NWHICH] = {
	"printf floor (json, unescaped)", "report_json", "report_csv",
	"report_text",
};

int
main(int argc, char **argv)
{
	size_t n = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 5000;
	int rounds = argc > 2 ? atoi(argv[2]) : 50;
	struct snapshot *s = snapshot_new();
	FILE *f = fopen("/dev/null", "w");
	struct rw *jw, *cw;
	struct report_opts o = { 0 };
	int64_t best[NWHICH];
	int w, r;

	if (f == NULL || n == 0 || rounds <= 0) {
		fputs("usage: bench_report [NPROCS [ROUNDS]]\n", stderr);
		return 2;
	}
	fill(s, n);
	jw = rw_new(f, RW_JSON, 0);
	cw = rw_new(f, RW_CSV, 0);
	for (w = 0; w < NWHICH; w++)
		best[w] = INT64_MAX;
	/* Interleave the writers round by round so drift hits all alike;
	 * keep each one's best round. */
	for (r = 0; r < rounds; r++)
		for (w = 0; w < NWHICH; w++) {
			int64_t t0 = cpu_ns(), dt;

			switch (w) {
			case FLOOR: printf_floor(f, s); break;
			case JSON: report_json(jw, s, &o); break;
			case CSV: report_csv(cw, s, &o); break;
			case TEXT: report_text(f, s, &o); break;
			}
			fflush(f);
			dt = cpu_ns() - t0;
			if (dt < best[w])
				best[w] = dt;
		}
	printf("%zu processes, best of %d rounds, CPU time per snapshot\n", n,
	    rounds);
	for (w = 0; w < NWHICH; w++)
		printf("  %-32s %9.3f ms  %7.1f ns/process  %5.2fx floor\n",
		    names[w], (double)best[w] / 1e6, (double)best[w] / (double)n,
		    (double)best[w] / (double)best[FLOOR]);
	rw_free(jw);
	rw_free(cw);
	fclose(f);
	snapshot_free(s);
	return 0;
}
