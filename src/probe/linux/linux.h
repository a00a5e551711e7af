/*
 * linux.h: the Linux backend's internal interface: its state and one
 * reader per area, each in its own file. Only src/probe/linux includes it.
 */
#ifndef HISTOP_PROBE_LINUX_H
#define HISTOP_PROBE_LINUX_H

#include "probe/probe_int.h"

struct linux_procs; /* per-process cache, proc.c */
struct linux_sys;   /* system-area state, sys.c */

struct linux_state {
	int proc_fd;  /* the proc root, opened once */
	int sys_fd;   /* the sys root, or -1 */
	long hz;      /* USER_HZ */
	long pagesize;
	struct linux_procs *procs;
	struct linux_sys *sys;
};

#define LINUX(c) ((struct linux_state *)(c)->backend)

/* System areas (owned by the system-area files). */
int linux_sys_open(struct probe_collector *, char *err, size_t errlen);
void linux_sys_close(struct probe_collector *);
int linux_cpu(struct probe_collector *, struct snapshot *);
int linux_memory(struct probe_collector *, struct snapshot *);
int linux_load(struct probe_collector *, struct snapshot *);
int linux_disk(struct probe_collector *, struct snapshot *);
int linux_network(struct probe_collector *, struct snapshot *);
int linux_io(struct probe_collector *, struct snapshot *);
int linux_quota(struct probe_collector *, struct snapshot *);
int linux_cgroup(struct probe_collector *, struct snapshot *, const char *,
    struct snap_cgroup *);
void linux_boot_id(struct probe_collector *, char *, size_t);

/* Processes (owned by the process files). */
int linux_procs_open(struct probe_collector *, char *err, size_t errlen);
void linux_procs_close(struct probe_collector *);
int linux_processes(struct probe_collector *, struct snapshot *);
int linux_processes_begin(struct probe_collector *, struct snapshot *);
int linux_processes_step(struct probe_collector *, struct snapshot *, size_t);
void linux_processes_end(struct probe_collector *, struct snapshot *, bool);
int linux_process_limits(struct probe_collector *, pid_t, struct snap_rlimit *);

#endif
