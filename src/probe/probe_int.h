/*
 * probe_int.h: what the platform backends share with probe.c — the ops
 * table and the collector. Not installed; only src/probe includes it.
 */
#ifndef HISTOP_PROBE_INT_H
#define HISTOP_PROBE_INT_H

#include "probe/probe.h"

struct probe_ops {
	const char *name;
	/* Set up backend state in c->backend; 0, or -errno with err filled. */
	int (*open)(struct probe_collector *c, char *err, size_t errlen);
	void (*close)(struct probe_collector *c);
	int (*cpu)(struct probe_collector *, struct snapshot *);
	int (*memory)(struct probe_collector *, struct snapshot *);
	int (*load)(struct probe_collector *, struct snapshot *);
	int (*disk)(struct probe_collector *, struct snapshot *);
	int (*network)(struct probe_collector *, struct snapshot *);
	int (*io)(struct probe_collector *, struct snapshot *);
	int (*quota)(struct probe_collector *, struct snapshot *);
	int (*processes)(struct probe_collector *, struct snapshot *);
	/*
	 * The process walk in slices (optional: without them the walk is
	 * one call to .processes). begin lists the processes (0 or -errno);
	 * each step reads at most max of them into snap and returns 1 while
	 * some remain, 0 once all were read; end completes snap (keep) or
	 * abandons the walk (!keep, snap may be NULL), leaving the backend's
	 * caches consistent and nothing held either way.
	 */
	int (*processes_begin)(struct probe_collector *, struct snapshot *);
	int (*processes_step)(struct probe_collector *, struct snapshot *,
	    size_t max);
	void (*processes_end)(struct probe_collector *, struct snapshot *,
	    bool keep);
	int (*cgroup)(struct probe_collector *, struct snapshot *, const char *,
	    struct snap_cgroup *);
	int (*process_limits)(struct probe_collector *, pid_t,
	    struct snap_rlimit *);
	/* Boot id into buf (NUL-terminated), or leave it empty. */
	void (*boot_id)(struct probe_collector *, char *buf, size_t len);
};

struct probe_collector {
	const struct probe_ops *ops;
	struct probe_options opts; /* roots point into proc_root/sys_root */
	char *proc_root;
	char *sys_root;
	void *backend; /* the backend's own state */
	/* the sample in progress, probe_sample_begin() to _finish() */
	bool in_sample;
	bool in_walk;  /* its process walk is not done yet */
	int next_area; /* the next area its steps read */
	int nok, last; /* areas read, and the last area's error */
};

extern const struct probe_ops probe_linux_ops;
extern const struct probe_ops probe_posix_ops;

#endif
