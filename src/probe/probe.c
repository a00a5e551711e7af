/*
 * probe.c: the platform-independent front of libprobe: option defaults,
 * backend choice, and dispatch through struct probe_ops. Depends on core.
 */
#include "config.h"

#include "probe/probe.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/xalloc.h"
#include "probe/probe_int.h"

int
probe_init(void)
{
	return 0;
}

void
probe_shutdown(void)
{
}

static char *
root_or(const char *opt, const char *env, const char *def)
{
	const char *v = opt;

	if (v == NULL || *v == '\0')
		v = getenv(env);
	if (v == NULL || *v == '\0')
		v = def;
	return xstrdup(v);
}

struct probe_collector *
probe_collector_new(const struct probe_options *opts, char *err, size_t errlen)
{
	struct probe_collector *c = xcalloc(1, sizeof(*c));

	if (opts != NULL)
		c->opts = *opts;
	if (c->opts.areas == 0)
		c->opts.areas = AREA_ALL;
	c->proc_root = root_or(c->opts.proc_root, "HISTOP_PROC_ROOT", "/proc");
	c->sys_root = root_or(c->opts.sys_root, "HISTOP_SYS_ROOT", "/sys");
	c->opts.proc_root = c->proc_root;
	c->opts.sys_root = c->sys_root;
#ifdef PROBE_LINUX
	c->ops = &probe_linux_ops;
#else
	c->ops = &probe_posix_ops;
#endif
	if (c->ops->open(c, err, errlen) != 0) {
		free(c->proc_root);
		free(c->sys_root);
		free(c);
		return NULL;
	}
	return c;
}

void
probe_collector_free(struct probe_collector *c)
{
	if (c == NULL)
		return;
	c->ops->close(c);
	free(c->proc_root);
	free(c->sys_root);
	free(c);
}

const char *
probe_backend_name(const struct probe_collector *c)
{
	return c->ops->name;
}

void
probe_set_threads(struct probe_collector *c, bool on)
{
	c->opts.threads = on;
}

#define DISPATCH(fn)                                                     \
	int probe_##fn(struct probe_collector *c, struct snapshot *s)    \
	{                                                                \
		int r = c->ops->fn != NULL ? c->ops->fn(c, s) : -ENOSYS; \
		if (r == 0)                                              \
			s->areas |= 1u << area_of_##fn;                  \
		return r;                                                \
	}

enum {
	area_of_cpu = AREA_CPU,
	area_of_memory = AREA_MEMORY,
	area_of_load = AREA_LOAD,
	area_of_disk = AREA_DISK,
	area_of_network = AREA_NETWORK,
	area_of_io = AREA_PRESSURE,
	area_of_quota = AREA_QUOTA,
	area_of_processes = AREA_PROCESSES,
};

DISPATCH(cpu)
DISPATCH(memory)
DISPATCH(load)
DISPATCH(disk)
DISPATCH(network)
DISPATCH(io)
DISPATCH(quota)
DISPATCH(processes)
#undef DISPATCH

int
probe_cgroup(struct probe_collector *c, struct snapshot *s, const char *path,
    struct snap_cgroup *out)
{
	memset(out, 0, sizeof(*out));
	return c->ops->cgroup != NULL ? c->ops->cgroup(c, s, path, out) : -ENOSYS;
}

int
probe_process_limits(struct probe_collector *c, pid_t pid,
    struct snap_rlimit *out)
{
	memset(out, 0, sizeof(*out));
	return c->ops->process_limits != NULL ?
	    c->ops->process_limits(c, pid, out) : -ENOSYS;
}

/* Count one area's outcome towards the sample's result. */
static void
sample_count(struct probe_collector *c, int r)
{
	if (r == 0)
		c->nok++;
	else
		c->last = r;
}

/* The system areas, read one per step before the process walk. */
static int (*const area_fns[AREA_NAREAS])(struct probe_collector *,
    struct snapshot *) = {
	[AREA_CPU] = probe_cpu,
	[AREA_MEMORY] = probe_memory,
	[AREA_LOAD] = probe_load,
	[AREA_DISK] = probe_disk,
	[AREA_NETWORK] = probe_network,
	[AREA_PRESSURE] = probe_io,
	[AREA_QUOTA] = probe_quota,
};

int
probe_sample_begin(struct probe_collector *c, struct snapshot *s)
{
	if (c->in_sample)
		return -EBUSY;
	snapshot_clear(s);
	s->wall_ns = clock_wall_ns();
	s->mono_ns = clock_mono_ns();
	if (c->ops->boot_id != NULL)
		c->ops->boot_id(c, s->boot_id, sizeof(s->boot_id));
	c->in_sample = true;
	c->in_walk = false;
	c->next_area = 0;
	c->nok = 0;
	c->last = -ENOENT;
	return 0;
}

int
probe_sample_step(struct probe_collector *c, struct snapshot *s,
    size_t max_procs)
{
	int r;

	if (!c->in_sample)
		return 0;
	/* One system area per step (mounts' statvfs or cgroup files can
	 * take a while), then the process list and walk. */
	while (c->next_area < AREA_NAREAS) {
		int a = c->next_area++;

		if (!(c->opts.areas & (1u << a)))
			continue;
		if (a != AREA_PROCESSES) {
			sample_count(c, area_fns[a](c, s));
			return 1;
		}
		r = c->ops->processes_begin != NULL ?
		    c->ops->processes_begin(c, s) : 0;
		if (r == 0)
			c->in_walk = true;
		else
			sample_count(c, r);
	}
	if (!c->in_walk)
		return 0;
	if (c->ops->processes_step != NULL) {
		if (c->ops->processes_step(c, s, max_procs) > 0)
			return 1;
		c->ops->processes_end(c, s, true);
		r = 0;
	} else	/* a backend without slices: the walk in one go */
		r = c->ops->processes != NULL ? c->ops->processes(c, s) :
		    -ENOSYS;
	if (r == 0)
		s->areas |= 1u << AREA_PROCESSES;
	sample_count(c, r);
	c->in_walk = false;
	return 0;
}

int
probe_sample_finish(struct probe_collector *c, struct snapshot *s)
{
	if (!c->in_sample)
		return -EINVAL;
	while (probe_sample_step(c, s, SIZE_MAX) > 0)
		;
	c->in_sample = false;
	return c->nok > 0 ? 0 : c->last;
}

void
probe_sample_abort(struct probe_collector *c, struct snapshot *s)
{
	if (!c->in_sample)
		return;
	if (c->in_walk && c->ops->processes_end != NULL)
		c->ops->processes_end(c, s, false);
	c->in_walk = c->in_sample = false;
	snapshot_clear(s);
}

int
probe_sample(struct probe_collector *c, struct snapshot *s)
{
	int r = probe_sample_begin(c, s);

	/* finish reads whatever the steps have not */
	return r != 0 ? r : probe_sample_finish(c, s);
}
