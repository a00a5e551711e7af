/*
 * parse.h: the Linux backend's parsers for the system areas. Every one is a
 * pure function over (buf, len): no file access, no globals, so tests and
 * fuzz targets feed them strings. Only src/probe/linux and tests include it.
 *
 * Common rules: a line that does not end in '\n' is a truncated read and is
 * ignored; numbers are parsed with overflow checks and a value that does not
 * parse leaves its field unknown (have bit clear), never 0.
 */
#ifndef HISTOP_PROBE_LINUX_PARSE_H
#define HISTOP_PROBE_LINUX_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/snapshot.h"

/* Next complete line of [*p, end): sets [*ls, *le) (without the '\n') and
 * moves *p past it. False at the end or on an unterminated last line. */
static inline bool
next_line(const char **p, const char *end, const char **ls, const char **le)
{
	const char *q = *p;

	while (q < end && *q != '\n')
		q++;
	if (q >= end)
		return false;
	*ls = *p;
	*le = q;
	*p = q + 1;
	return true;
}

/* "12.34" (no sign, no exponent, no locale) at *p; advances past it. */
bool parse_fixed(const char **p, const char *end, double *out);
/* a * b into *out; false on overflow. */
bool mul_u64(uint64_t a, uint64_t b, uint64_t *out);

/*
 * /proc/stat: appends cpu[0] (the total, id -1) and then one row per
 * "cpuN" line sorted by id (ids need not be contiguous; a repeated id keeps
 * its first line). Ticks of hz per second become nanoseconds; a column that
 * is absent (old kernels) or overflows has its have bit clear. Returns the
 * number of per-CPU rows, or -1 (nothing appended) without any cpu line.
 */
int parse_proc_stat(const char *buf, size_t len, long hz, struct snapshot *);

/* /proc/meminfo into m (overwritten). used = total - free - buffers -
 * cached like free(1), cached = Cached + SReclaimable. Returns the number of
 * fields known. */
int parse_meminfo(const char *buf, size_t len, struct snap_mem *m);

/* /proc/loadavg into l (overwritten). Returns the number of fields known. */
int parse_loadavg(const char *buf, size_t len, struct snap_load *l);

/*
 * /proc/PID/mountinfo: appends one snap_fs (sizes unknown) per mount, with
 * octal escapes (\040) decoded. Unless all, pseudo filesystems are left out
 * and a device mounted twice (bind mounts) is listed once, at its first
 * mount. Returns the number appended.
 */
size_t parse_mountinfo(const char *buf, size_t len, bool all,
    struct snapshot *);
/* Decode mountinfo's \ooo escapes of [s, s+len) into out (NUL-terminated,
 * at most outsz-1 bytes). Returns the decoded length. */
size_t unescape_octal(const char *s, size_t len, char *out, size_t outsz);

/*
 * /proc/diskstats: appends one snap_disk per device. Both the 11+ column
 * format and the 4-column partition lines of 2.6 kernels are read; loop,
 * ram and zram devices that never did I/O are left out (every real machine
 * has dozens). Whole disks and partitions are both kept. A sector is 512
 * bytes whatever the device's block size. Returns the number appended.
 */
size_t parse_diskstats(const char *buf, size_t len, struct snapshot *);

/* /proc/net/dev: appends one snap_net per interface (up = -1). The name is
 * everything before the last ':' of the line; a line without all sixteen
 * counters is skipped. Returns the number appended. */
size_t parse_net_dev(const char *buf, size_t len, struct snapshot *);
/* Up state from /sys/class/net/IF/operstate and flags (either may be NULL
 * when unreadable): 1 up, 0 down, -1 unknown. */
int net_up_state(const char *operstate, size_t oplen, const char *flags,
    size_t flen);
/* True if name (a device or interface name) is usable as one path
 * component and printable: not empty, "." or "..", no '/', blank or
 * control character, at most NAME_MAX bytes. */
bool sys_name_safe(const char *name, size_t len);

/* /proc/pressure/RES into p (overwritten). Returns the lines known. */
int parse_psi(const char *buf, size_t len, struct snap_psi *p);

/* /proc/sys/kernel/random/boot_id: a 36-character UUID copied into out
 * (size >= 37). False (out empty) when it is not one. */
bool parse_boot_id(const char *buf, size_t len, char *out, size_t outsz);

/* ---- cgroups ---------------------------------------------------------- */

/* The controllers histop reads, v1 names; v2 calls blkio "io" and merges
 * cpuacct into cpu. */
enum cg_ctrl { CG_CPU, CG_CPUACCT, CG_MEMORY, CG_PIDS, CG_BLKIO, CG_NCTRL };
extern const char *const cg_ctrl_names[CG_NCTRL];

struct cg_span {
	const char *p; /* points into the parsed buffer; NULL if absent */
	size_t len;
};

/* Paths of /proc/PID/cgroup: the v2 line ("0::/path") and each v1
 * controller's line. */
struct cg_paths {
	struct cg_span v2;
	struct cg_span v1[CG_NCTRL];
};

/* Parse /proc/PID/cgroup. Returns the number of paths found. */
int parse_proc_cgroup(const char *buf, size_t len, struct cg_paths *out);
/* A cgroup path is usable if it is absolute, has no "." or ".." component
 * and no NUL, and fits a path buffer. */
bool cg_path_ok(const char *p, size_t len);
/* The v2 controllers listed in cgroup.controllers, as bits of enum
 * cg_ctrl (cpu also sets cpuacct; io sets blkio). */
uint32_t parse_cg_controllers(const char *buf, size_t len);

/* A single value file: 1 for a number (in *v), 0 for "max", -1 bad. */
int parse_cg_value(const char *buf, size_t len, uint64_t *v);
/* v2 cpu.max "QUOTA PERIOD" (QUOTA may be "max"), microseconds. Returns
 * bits: 1 quota known, 2 period known; *unlimited when QUOTA is "max". */
int parse_cpu_max(const char *buf, size_t len, uint64_t *quota,
    bool *unlimited, uint64_t *period);
/* v1 cpu.cfs_quota_us: 1 a quota (in *v), 0 unlimited (-1), -1 bad. */
int parse_cfs_quota(const char *buf, size_t len, uint64_t *v);
/* v1 memory.*limit_in_bytes: 1 a limit, 0 unlimited (the kernel's largest
 * page-aligned value, 9223372036854771712 with 4 KiB pages), -1 bad. */
int parse_v1_limit(const char *buf, size_t len, uint64_t *v);
/* "key value" lines (cpu.stat, memory.stat): the value of key. */
bool parse_keyed(const char *buf, size_t len, const char *key, uint64_t *v);
/* io.max: copies the lines that set a limit (any value but "max") into
 * out, appending at *used. */
void io_max_filter(const char *buf, size_t len, char *out, size_t outsz,
    size_t *used);
/* v1 blkio.throttle.*_device "MAJ:MIN VALUE" lines, appended to out in
 * io.max syntax ("MAJ:MIN key=VALUE"), 0 meaning no limit is skipped. */
void blkio_append(const char *buf, size_t len, const char *key, char *out,
    size_t outsz, size_t *used);

#endif
