/*
 * proc_parse.h: pure parsers for the files of /proc/PID (stat, statm,
 * status, io, cmdline, cgroup, limits). Each works on (buf, len), never
 * reads past len, never allocates, and needs no NUL terminator, so tests
 * and fuzzers feed them bytes directly. Depends on libc and readfile.h.
 */
#ifndef HISTOP_PROBE_LINUX_PROC_PARSE_H
#define HISTOP_PROBE_LINUX_PROC_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/snapshot.h"

/* Bits of proc_stat.have: the optional fields of /proc/PID/stat. */
enum pstat_field {
	PSTAT_FLAGS,
	PSTAT_MINFLT,
	PSTAT_MAJFLT,
	PSTAT_UTIME,
	PSTAT_STIME,
	PSTAT_NICE,
	PSTAT_THREADS,
	PSTAT_VSIZE,
	PSTAT_RSS
};

/* PF_KTHREAD of the kernel's task flags (include/linux/sched.h). */
#define PROC_PF_KTHREAD 0x00200000u

/*
 * /proc/PID/stat. pid, comm, state, ppid and starttime are required (they
 * make the identity and the tree); the rest are optional, a bit in have each.
 * A field that does not parse as a whole number (overflow, junk, sign where
 * none belongs) is left unknown.
 */
struct proc_stat {
	uint32_t have;
	const char *comm;   /* points into buf: bytes between first '(' and last ')' */
	size_t comm_len;
	char state;
	int64_t pid;
	int64_t ppid;
	uint64_t starttime; /* clock ticks since boot */
	uint64_t flags;
	uint64_t minflt, majflt;
	uint64_t utime, stime; /* clock ticks */
	int64_t nice;
	int64_t threads;
	uint64_t vsize;     /* bytes */
	uint64_t rss;       /* pages */
};

/*
 * Parse stat. Returns 0, or -1 when the text is malformed (no "(...)", a
 * state that is not one character, or a required field missing or bad):
 * the caller drops the process.
 */
int proc_parse_stat(const char *buf, size_t len, struct proc_stat *out);

/* Bits of proc_status.have. */
enum pstatus_field {
	PSTATUS_UID,
	PSTATUS_THREADS,
	PSTATUS_VMSIZE,
	PSTATUS_VMRSS,
	PSTATUS_RSSFILE,
	PSTATUS_RSSSHMEM,
	PSTATUS_VMDATA,
	PSTATUS_VMSTK,
	PSTATUS_VMSWAP
};

/* /proc/PID/status: the lines histop uses. Sizes in bytes (kB * 1024). */
struct proc_status {
	uint32_t have;
	uint64_t uid;       /* real uid: first number of "Uid:" */
	int64_t threads;
	uint64_t vm_size, vm_rss, rss_file, rss_shmem, vm_data, vm_stk, vm_swap;
};

void proc_parse_status(const char *buf, size_t len, struct proc_status *out);

/* /proc/PID/statm: size resident shared text lib data dt, in pages. */
#define PROC_STATM_N 7
/* Returns how many leading fields parsed (0..7). */
int proc_parse_statm(const char *buf, size_t len, uint64_t out[PROC_STATM_N]);

/* /proc/PID/io. have: bit 0 read_bytes, bit 1 write_bytes. */
struct proc_io {
	uint32_t have;
	uint64_t read_bytes;
	uint64_t write_bytes;
};
void proc_parse_io(const char *buf, size_t len, struct proc_io *out);

/*
 * /proc/PID/cmdline, in place: NULs become spaces, trailing NULs (one
 * ends every argument; setproctitle() pads with more) are dropped. Returns
 * the new length; 0 means no command line (a kernel thread or a zombie).
 */
size_t proc_cmdline_join(char *buf, size_t len);

/*
 * /proc/PID/cgroup: choose the path to report. A pure v2 host has one
 * "0::/path" line. On v1 and hybrid hosts limits live in the v1
 * hierarchies, so the memory controller's path is preferred, then the v2
 * line, then the first line. Sets *path (into buf) and *plen; false when
 * no line has a path.
 */
bool proc_parse_cgroup(const char *buf, size_t len, const char **path,
    size_t *plen);

/*
 * /proc/PID/limits into out (cleared first). "unlimited" sets the field's
 * bit in have and in soft_unlimited/hard_unlimited with the value left 0.
 * Returns the number of limits recognised.
 */
int proc_parse_limits(const char *buf, size_t len, struct snap_rlimit *out);

/* Clock ticks to nanoseconds; false on overflow. */
bool proc_ticks_to_ns(uint64_t ticks, long hz, uint64_t *ns);

#endif
