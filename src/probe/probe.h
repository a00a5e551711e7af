/*
 * probe.h: libprobe's public interface — reads the operating system into
 * core snapshot types. Depends on core only; knows nothing of SQLite or
 * curses.
 *
 *   probe_init();
 *   struct probe_collector *c = probe_collector_new(&opts, err, sizeof err);
 *   probe_sample(c, snap);         // or one call per area
 *   probe_collector_free(c);
 *   probe_shutdown();
 */
#ifndef HISTOP_PROBE_H
#define HISTOP_PROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/snapshot.h"

struct probe_collector;

struct probe_options {
	/*
	 * Roots every /proc and /sys path is read under. NULL means the
	 * environment's HISTOP_PROC_ROOT / HISTOP_SYS_ROOT, else "/proc" and
	 * "/sys". Tests point these at fixture trees.
	 */
	const char *proc_root;
	const char *sys_root;
	uint32_t areas;         /* bit per enum snap_area; 0 means all */
	bool all_filesystems;   /* include pseudo filesystems (proc, tmpfs, ...) */
	bool proc_cgroups;      /* read /proc/PID/cgroup for every process */
	bool threads;           /* also every userland thread but the main
	                         * one, as a snap_proc with thread set,
	                         * pid the thread id, ppid its process */
};

/* Process-wide set-up and tear-down. probe_init() returns 0 or -errno. */
int probe_init(void);
void probe_shutdown(void);

/*
 * A collector keeps what must persist between samples (open root fds,
 * per-process caches). On failure (a proc root without the files histop
 * needs) returns NULL with a one-line message in err. Caller frees with
 * probe_collector_free().
 */
struct probe_collector *probe_collector_new(const struct probe_options *,
    char *err, size_t errlen);
void probe_collector_free(struct probe_collector *);
/* Name of the backend in use: "linux" or "posix". Static string. */
const char *probe_backend_name(const struct probe_collector *);

/*
 * Fill snap (cleared first) with every area the options asked for, stamp
 * wall and monotonic time and the boot id. Derived fields are not filled:
 * call snapshot_derive() with the previous sample. Returns 0, or -errno
 * when nothing could be read at all; a single area or process that fails
 * only leaves its values unknown.
 */
int probe_sample(struct probe_collector *, struct snapshot *snap);

/*
 * The same sample in slices, for a caller that must stay responsive while
 * a large process table is read (the live UI); probe_sample() is exactly
 * begin, steps until 0, finish:
 *
 *   probe_sample_begin(c, snap);    clear and stamp snap
 *   probe_sample_step(c, snap, n);  read one system area, or at most n
 *                                   processes (the list is read with
 *                                   the first of them); 1 while
 *                                   something remains, 0 once all was
 *   probe_sample_finish(c, snap);   complete snap (reading what remains);
 *                                   0, or -errno as probe_sample()
 *   probe_sample_abort(c, snap);    or abandon it: snap is cleared
 *
 * Between begin and finish/abort snap is incomplete: the caller must not
 * use it, nor sample anything else on c. Timestamps: wall_ns and mono_ns
 * are taken at begin; every area is read after that, spread over the
 * steps. Rates derived between two samples therefore use the
 * begin-to-begin interval for every area; for a value read k ms into one
 * sample and k' ms into the next, the true interval differs from it by
 * k' - k, which stays within the difference of the two samples' durations
 * as long as the caller steps at a steady pace (the UI steps back to back,
 * handling only keys in between).
 * begin returns 0, or -EBUSY (changing nothing) when a sample is
 * already in progress on c; finish returns -EINVAL when none is.
 */
int probe_sample_begin(struct probe_collector *, struct snapshot *snap);
int probe_sample_step(struct probe_collector *, struct snapshot *snap,
    size_t max_procs);
int probe_sample_finish(struct probe_collector *, struct snapshot *snap);
void probe_sample_abort(struct probe_collector *, struct snapshot *snap);

/* Turn the threads option on or off from the next sample on. */
void probe_set_threads(struct probe_collector *, bool);

/* One area each, appending to / filling snap. Return 0 or -errno. */
int probe_cpu(struct probe_collector *, struct snapshot *);
int probe_memory(struct probe_collector *, struct snapshot *);
int probe_load(struct probe_collector *, struct snapshot *);
int probe_disk(struct probe_collector *, struct snapshot *);
int probe_network(struct probe_collector *, struct snapshot *);
int probe_io(struct probe_collector *, struct snapshot *);    /* pressure */
int probe_quota(struct probe_collector *, struct snapshot *); /* own cgroup + rlimits */
int probe_processes(struct probe_collector *, struct snapshot *);

/* Limits and usage of one cgroup (a path as in /proc/PID/cgroup); strings
 * go into snap's pool. Returns 0 or -errno. */
int probe_cgroup(struct probe_collector *, struct snapshot *snap,
    const char *path, struct snap_cgroup *out);
/* rlimits of one process from /proc/PID/limits. Returns 0 or -errno. */
int probe_process_limits(struct probe_collector *, pid_t,
    struct snap_rlimit *out);

#endif
