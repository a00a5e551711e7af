/*
 * snapshot.h: the data every part of histop exchanges — one sample of the
 * whole machine and its processes. Depends on libc only.
 *
 * Rules (DESIGN.md): integer base units (bytes, nanoseconds); a value that
 * could not be read is *unknown*, marked by a clear bit in the `have` mask of
 * its record, never 0 and never a sentinel.  Raw counters are what the probe
 * reads and the store keeps; rates and percentages are *derived* from two
 * snapshots by snapshot_derive(), live and in history alike.
 */
#ifndef HISTOP_CORE_SNAPSHOT_H
#define HISTOP_CORE_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/strpool.h"

#define HAVE(mask, bit) (((mask) >> (bit)) & 1u)
#define HAVE_SET(mask, bit) ((mask) |= (UINT64_C(1) << (bit)))

/* ---- CPU (/proc/stat) ------------------------------------------------ */

enum cpu_field {
	CPU_USER,
	CPU_NICE,
	CPU_SYSTEM,
	CPU_IDLE,
	CPU_IOWAIT,
	CPU_IRQ,
	CPU_SOFTIRQ,
	CPU_STEAL,
	CPU_GUEST, /* already counted in user: shown apart, never summed */
	CPU_GUEST_NICE, /* already counted in nice */
	CPU_NFIELDS
};
/* "user", "nice", ... index by enum cpu_field. */
extern const char *const cpu_field_names[CPU_NFIELDS];

struct snap_cpu {
	int id;                  /* -1: the total over all CPUs */
	uint32_t have;           /* bit per enum cpu_field */
	uint64_t ns[CPU_NFIELDS]; /* cumulative time in nanoseconds */
	/* derived: */
	bool have_pct;
	double pct[CPU_NFIELDS]; /* share of the interval, 0..100 */
	double usage_percent;    /* busy share: everything but idle and iowait */
};

/* ---- Memory (/proc/meminfo) ------------------------------------------- */

enum mem_field {
	MEM_TOTAL,
	MEM_AVAILABLE,
	MEM_USED, /* total - free - buffers - cached (as free(1)) */
	MEM_FREE,
	MEM_BUFFERS,
	MEM_CACHED, /* Cached + SReclaimable */
	MEM_SHARED,
	MEM_SWAP_TOTAL,
	MEM_SWAP_USED,
	MEM_SWAP_FREE,
	MEM_NFIELDS
};
/* "total_bytes", "available_bytes", ... */
extern const char *const mem_field_names[MEM_NFIELDS];

struct snap_mem {
	uint32_t have;
	uint64_t v[MEM_NFIELDS]; /* bytes */
	bool have_pct;
	double usage_percent; /* (total - available) / total, or used / total */
};

/* ---- Load (/proc/loadavg) --------------------------------------------- */

enum load_field { LOAD_1, LOAD_5, LOAD_15, LOAD_RUNNING, LOAD_TASKS, LOAD_NFIELDS };
/* "load1", "load5", "load15", "tasks_running", "tasks_total" */
extern const char *const load_field_names[LOAD_NFIELDS];

struct snap_load {
	uint32_t have;
	double avg[3];
	uint32_t running;
	uint32_t tasks;
};

/* ---- Filesystems (mountinfo + statvfs) -------------------------------- */

enum fs_field {
	FS_SIZE,
	FS_USED,
	FS_AVAIL,
	FS_INODES,
	FS_INODES_USED,
	FS_INODES_FREE,
	FS_NFIELDS
};
/* "size_bytes", "used_bytes", "avail_bytes", "inodes_total", ... */
extern const char *const fs_field_names[FS_NFIELDS];

struct snap_fs {
	const char *device; /* strings live in the snapshot's pool */
	const char *mount;
	const char *type;
	uint32_t have;
	uint64_t v[FS_NFIELDS];
};

/* ---- Block devices (/proc/diskstats) ---------------------------------- */

enum disk_field {
	DISK_READS,       /* completed read requests */
	DISK_WRITES,
	DISK_READ_BYTES,
	DISK_WRITE_BYTES,
	DISK_BUSY_NS,     /* time the device had I/O in flight */
	DISK_NFIELDS
};
/* "reads", "writes", "read_bytes", "write_bytes", "busy_ns" */
extern const char *const disk_field_names[DISK_NFIELDS];

struct snap_disk {
	const char *name;
	uint32_t have;
	uint64_t v[DISK_NFIELDS];
	/* derived: per second; DISK_BUSY_NS becomes busy percent 0..100 */
	bool have_rate;
	double rate[DISK_NFIELDS];
};

/* ---- Network (/proc/net/dev, /sys/class/net) -------------------------- */

enum net_field {
	NET_RX_BYTES,
	NET_RX_PACKETS,
	NET_RX_ERRORS,
	NET_RX_DROPS,
	NET_TX_BYTES,
	NET_TX_PACKETS,
	NET_TX_ERRORS,
	NET_TX_DROPS,
	NET_NFIELDS
};
/* "rx_bytes", "rx_packets", "rx_errors", "rx_drops", "tx_bytes", ... */
extern const char *const net_field_names[NET_NFIELDS];

struct snap_net {
	const char *name;
	int up; /* 1 up, 0 down, -1 unknown */
	uint32_t have;
	uint64_t v[NET_NFIELDS];
	bool have_rate;
	double rate[NET_NFIELDS]; /* per second */
};

/* ---- Pressure stall information (/proc/pressure/...) ------------------ */

enum psi_resource { PSI_CPU, PSI_MEMORY, PSI_IO, PSI_NRES };
/* "cpu", "memory", "io" */
extern const char *const psi_resource_names[PSI_NRES];

struct psi_line {
	bool have;
	double avg10, avg60, avg300; /* percent */
	uint64_t total_ns;
	/* derived: share of the interval stalled, percent */
	bool have_rate;
	double rate;
};

struct snap_psi {
	struct psi_line some;
	struct psi_line full; /* cpu "full" exists on newer kernels only */
};

/* ---- Quotas: cgroups and rlimits -------------------------------------- */

enum quota_field {
	QUOTA_CPU_QUOTA_NS,  /* cpu.max / cpu.cfs_quota_us */
	QUOTA_CPU_PERIOD_NS,
	QUOTA_CPU_USAGE_NS,  /* cpu.stat usage_usec / cpuacct.usage */
	QUOTA_MEM_LIMIT,     /* memory.max / memory.limit_in_bytes */
	QUOTA_MEM_USAGE,     /* memory.current / memory.usage_in_bytes */
	QUOTA_SWAP_LIMIT,    /* memory.swap.max / memsw limit */
	QUOTA_PIDS_LIMIT,    /* pids.max */
	QUOTA_PIDS_CURRENT,
	QUOTA_NFIELDS
};
/* "cpu_quota_ns", "cpu_period_ns", "cpu_usage_ns", "memory_limit_bytes", ... */
extern const char *const quota_field_names[QUOTA_NFIELDS];

struct snap_cgroup {
	int version;         /* 1, 2, or 0 when no cgroup was found */
	const char *path;    /* cgroup path as in /proc/PID/cgroup */
	uint32_t have;       /* value read (a number or "max") */
	uint32_t unlimited;  /* subset of have: the file said "max"/-1 */
	uint64_t v[QUOTA_NFIELDS];
	const char *io_max;  /* io.max / blkio.throttle lines, NULL if none set */
};

enum rlim_field {
	RLIM_CPU, RLIM_FSIZE, RLIM_DATA, RLIM_STACK, RLIM_CORE, RLIM_RSS,
	RLIM_NPROC, RLIM_NOFILE, RLIM_MEMLOCK, RLIM_AS, RLIM_LOCKS,
	RLIM_SIGPENDING, RLIM_MSGQUEUE, RLIM_NICE, RLIM_RTPRIO, RLIM_RTTIME,
	RLIM_NFIELDS
};
/* "cpu", "fsize", ... (lower-case RLIMIT_ names) */
extern const char *const rlim_field_names[RLIM_NFIELDS];

struct snap_rlimit {
	uint32_t have;
	uint32_t soft_unlimited, hard_unlimited;
	uint64_t soft[RLIM_NFIELDS], hard[RLIM_NFIELDS];
};

/* ---- Processes (/proc/PID/...) ---------------------------------------- */

/* Bits of snap_proc.have; names are DESIGN.md's field names. */
enum proc_field {
	PROC_PID,
	PROC_PPID,
	PROC_UID,
	PROC_USER,
	PROC_STATE,
	PROC_COMM,
	PROC_CMDLINE,
	PROC_THREADS,
	PROC_NICE,
	PROC_START_TIME,
	PROC_USER_TIME,
	PROC_SYSTEM_TIME,
	PROC_TOTAL_TIME,
	PROC_USAGE_PERCENT, /* derived */
	PROC_RSS,
	PROC_VMS,
	PROC_SWAP,
	PROC_SHARED,
	PROC_DATA,
	PROC_STACK,
	PROC_READ_BYTES,
	PROC_WRITE_BYTES,
	PROC_READ_RATE,   /* derived, bytes per second */
	PROC_WRITE_RATE,  /* derived */
	PROC_CGROUP,
	PROC_NFIELDS
};

struct snap_proc {
	pid_t pid;
	pid_t ppid;
	uid_t uid;
	char state;          /* R S D Z T t X I ... */
	bool kernel_thread;
	uint8_t shared;      /* storage: SNAP_SHARED_* bits of the strings
	                      * held as references (snapshot_proc_share) */
	bool thread;         /* a userland thread of process ppid, not a
	                      * process (probe option threads): shown,
	                      * never recorded */
	int32_t nice;
	int32_t threads;
	uint64_t start_time_ns; /* since boot; (pid, start_time_ns) is the identity */
	uint64_t user_time_ns;
	uint64_t system_time_ns;
	uint64_t total_time_ns;
	uint64_t rss_bytes;
	uint64_t vms_bytes;
	uint64_t swap_bytes;
	uint64_t shared_bytes;
	uint64_t data_bytes;
	uint64_t stack_bytes;
	uint64_t read_bytes;  /* storage I/O (read_bytes of /proc/PID/io) */
	uint64_t write_bytes;
	double usage_percent; /* derived; per core, 250 = 2.5 cores */
	double read_rate;     /* derived */
	double write_rate;    /* derived */
	const char *comm;     /* raw bytes, may hold anything: sanitise on output */
	const char *cmdline;  /* args joined by ' '; NULL when empty (kernel thread) */
	const char *user;     /* user name, or NULL when uid has none */
	const char *cgroup;   /* cgroup path, NULL unknown */
	uint64_t have;        /* bit per enum proc_field */
};

/* Bits of snap_proc.shared: which string is a core/rstr.h reference. */
#define SNAP_SHARED_CMDLINE 1u
#define SNAP_SHARED_USER 2u
#define SNAP_SHARED_CGROUP 4u
#define SNAP_SHARED_COMM 8u

/* Description of one process field, for generic printers and the store. */
enum field_type { FT_PID, FT_UID, FT_CHAR, FT_I32, FT_U64, FT_DOUBLE, FT_STR };
struct field_desc {
	const char *name;     /* DESIGN.md name: "rss_bytes" */
	enum field_type type;
	size_t offset;        /* offsetof(struct snap_proc, ...) */
	enum proc_field bit;
};
/* Every process field in DESIGN.md order, then the derived extras. */
extern const struct field_desc proc_fields[];
extern const size_t proc_nfields;
/*
 * Three-way comparison of field f of two processes, by its type (strings
 * with strcmp, NULL first). Known-ness (the have bits) is the caller's.
 */
int proc_field_cmp(const struct snap_proc *, const struct snap_proc *,
    const struct field_desc *f);

/* ---- The snapshot ----------------------------------------------------- */

enum snap_area {
	AREA_CPU,
	AREA_MEMORY,
	AREA_LOAD,
	AREA_DISK,
	AREA_NETWORK,
	AREA_PRESSURE,
	AREA_QUOTA,
	AREA_PROCESSES,
	AREA_NAREAS
};
#define AREA_ALL ((1u << AREA_NAREAS) - 1)
/* "cpu", "memory", "load", "disk", "network", "io", "quota", "processes" */
extern const char *const area_names[AREA_NAREAS];

struct snapshot {
	uint64_t seq;          /* sample number, set by whoever records it */
	int64_t wall_ns;       /* CLOCK_REALTIME: a label only */
	int64_t mono_ns;       /* CLOCK_MONOTONIC: all rates come from this */
	int64_t interval_ns;   /* mono_ns - previous mono_ns; 0 for the first */
	char boot_id[40];      /* empty when unknown */
	uint32_t areas;        /* bit per enum snap_area that was sampled */
	long ticks_per_sec;    /* USER_HZ the counters were read with */
	int ncpu_online;

	struct snap_cpu *cpu;  /* cpu[0] is the total, then one per CPU by id */
	size_t ncpu;
	struct snap_mem mem;
	struct snap_load load;
	struct snap_fs *fs;
	size_t nfs;
	struct snap_disk *disk;
	size_t ndisk;
	struct snap_net *net;
	size_t nnet;
	struct snap_psi psi[PSI_NRES];
	struct snap_cgroup cgroup; /* histop's own cgroup */
	struct snap_rlimit rlimit; /* histop's own rlimits */
	struct snap_proc *proc;    /* sorted by pid */
	size_t nproc;

	/* Storage: arrays keep their capacity across snapshot_clear(). */
	size_t cap_cpu, cap_fs, cap_disk, cap_net, cap_proc;
	struct strpool pool;
};

/* New empty snapshot. Caller frees with snapshot_free(). */
struct snapshot *snapshot_new(void);
void snapshot_free(struct snapshot *);
/* Forget the contents, keep the memory for the next sample. */
void snapshot_clear(struct snapshot *);
/* Deep copy of src into dst (dst's memory is reused). */
void snapshot_copy(struct snapshot *dst, const struct snapshot *src);
/* The same without the process list: dst->nproc is 0. */
void snapshot_copy_system(struct snapshot *dst, const struct snapshot *src);

/* Append a zeroed record and return it. Borrowed; valid until the array
 * grows again or the snapshot is cleared. */
struct snap_cpu *snapshot_add_cpu(struct snapshot *);
struct snap_fs *snapshot_add_fs(struct snapshot *);
struct snap_disk *snapshot_add_disk(struct snapshot *);
struct snap_net *snapshot_add_net(struct snapshot *);
struct snap_proc *snapshot_add_proc(struct snapshot *);
/* Size the process array of a snapshot for n processes and a
 * little growth: grown if short, shrunk if more than twice that (so a
 * burst of processes does not stay resident after it ends). */
void snapshot_reserve_procs(struct snapshot *, size_t n);
/* Copy len bytes of s (NUL added) into the snapshot's pool. */
const char *snapshot_str(struct snapshot *, const char *s, size_t len);
/*
 * Point string `which` (one SNAP_SHARED_* bit) of p, a process record of
 * a snapshot, at the shared string r (core/rstr.h) instead of a copy: the
 * snapshot takes a reference, dropped when it is cleared or freed. r may
 * be NULL (the field is NULL, nothing held).
 */
void snapshot_proc_share(struct snap_proc *p, unsigned which, const char *r);

/* Sort processes by pid (the probe and the store emit them sorted). */
void snapshot_sort_procs(struct snapshot *);
/* Find a process by pid in a pid-sorted snapshot; NULL if absent. */
const struct snap_proc *snapshot_find_proc(const struct snapshot *, pid_t);

/*
 * Fill the derived fields of cur (percentages, rates) from prev, the sample
 * before it; prev may be NULL (first sample: derived fields stay unknown).
 * Counters that went backwards count as a reset: that rate is unknown for
 * this interval, never negative. Processes are matched on (pid,
 * start_time_ns) so a reused pid is a new process. Sets cur->interval_ns.
 */
void snapshot_derive(struct snapshot *cur, const struct snapshot *prev);

#endif
