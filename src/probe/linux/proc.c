/*
 * proc.c: the process list of the Linux backend — walks the proc root,
 * reads each /proc/PID through a dirfd, and caches per (pid, starttime)
 * what cannot have changed. Depends on libc, core and proc_parse/users.
 *
 * Cost model (bench/bench_probe.sh measures it). Every tick reads, per
 * process, only stat: it carries state, ppid, nice, threads, times, faults,
 * vsize and rss. The rest is cached in a pid-sorted array merged with the
 * pid-sorted directory listing, and re-read when it may have changed:
 *
 *   status (uid, shared, data, stack, swap) and io (read/write bytes):
 *       on first sight, whenever a stat counter moved (utime, stime,
 *       minflt, majflt, state, threads, vsize, rss: a process must run, or
 *       have its memory reclaimed, to change them), and at least every
 *       `refresh` ticks (PROC_REFRESH_DEFAULT), staggered by pid, which
 *       bounds how stale an idle process's io and uid can be.
 *   cmdline and cgroup: on first sight, when comm changes (exec), and every
 *       4 * `refresh` ticks (setproctitle, cgroup migration), staggered.
 *
 * Each pid directory stays open (O_PATH) between ticks while the fd budget
 * allows (half of RLIMIT_NOFILE after a reserve): an idle process then
 * costs openat+read+close of its stat and nothing else. A kept fd whose
 * process died fails; the pid is then reopened by name, as a new process.
 * A reused pid has a new starttime, so it never inherits a cached value.
 * The strings (comm, cmdline, cgroup) are interned: equal ones are held
 * once, and snapshots take references to them instead of copies.
 * Dead processes' entries (and fds) are dropped on the tick they vanish;
 * arrays and buffers are kept, so a steady state allocates nothing.
 *
 * The walk can be taken in slices of at most N pids (begin / step / end,
 * for probe_sample_step()): the live UI reads keys between them. A walk
 * abandoned half way evicts the entries it did not reach.
 *
 * Files are opened O_NONBLOCK so a FIFO planted in a fixture cannot hang
 * the sampler; a short read is taken as the end of file (procfs seq files
 * and cmdline hand over everything that fits in one read).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "core/rstr.h"
#include "core/xalloc.h"
#include "probe/linux/linux.h"
#include "probe/linux/proc_int.h"
#include "probe/linux/proc_parse.h"
#include "probe/linux/users.h"

/*
 * One entry per live process, kept small (one array of them lives as long
 * as histop): what changes in stat is kept as a hash only — a collision
 * delays a re-read of status/io to the next forced one, nothing worse.
 */
struct proc_ent {
	pid_t pid;
	int kept_fd;            /* pid dir fd + 1 kept across ticks; 0 none */
	uint64_t starttime;     /* ticks; (pid, starttime) is the identity */
	uint64_t sig;           /* stat_sig(): a change re-reads status/io */
	uint64_t have;          /* PROC_* bits of the cached fields below */
	uid_t uid;
	bool read_full, read_slow; /* status/io and cmdline/cgroup read once */
	bool cached;            /* holds the last tick's values for pid */
	uint64_t shared, data, stack, swap, rd, wr;
	/* Interned core/rstr.h strings (linux_procs.strs), shared with the
	 * snapshots filled from here, not copied into each; NULL when
	 * empty. */
	const char *comm;       /* a change (exec) re-reads cmdline */
	const char *cmdline;    /* joined */
	const char *cgroup;
};

struct linux_procs {
	int dir_fd;             /* the proc root, for getdents64 */
	char *dents;
	size_t dents_sz;
	pid_t *pids;
	size_t npids, cap_pids;
	pid_t *tids;            /* one process's thread ids (option threads) */
	size_t ntids, cap_tids;
	struct proc_ent *ent;   /* the cache, pid-sorted (one array, merged
	                         * in place: see linux_processes_begin) */
	size_t nent, cap_ent;
	uint32_t tick;
	size_t wi, wk;          /* the walk: next pid, next kept entry */
	bool walking;
	unsigned refresh;
	size_t nkept, fd_budget; /* pid dir fds kept open, and how many may be */
	size_t nthreads;        /* thread entries of the walk (option threads) */
	char *sbuf;             /* stat */
	size_t sbufsz;
	char *buf;              /* status, io, cgroup, limits */
	size_t bufsz;
	char *cbuf;             /* cmdline */
	size_t cbufsz;
	struct users *users;
	struct rstr_set *strs;  /* comm, cmdline and cgroup strings */
};

/* Strings no process holds any more are forgotten every SWEEP_EVERY
 * walks. */
#define SWEEP_EVERY 8

#define PROCS(c) (LINUX(c)->procs)

int
linux_procs_open(struct probe_collector *c, char *err, size_t errlen)
{
	struct linux_procs *pr = xcalloc(1, sizeof(*pr));
	struct rlimit rl;

	pr->dir_fd = openat(LINUX(c)->proc_fd, ".",
	    O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (pr->dir_fd < 0) {
		snprintf(err, errlen, "cannot list proc root %s: %s",
		    c->proc_root, strerror(errno));
		free(pr);
		return -1;
	}
	pr->refresh = PROC_REFRESH_DEFAULT;
	/*
	 * Keeping pid dir fds open saves a path lookup and two syscalls per
	 * process per tick; keep at most half of what RLIMIT_NOFILE leaves
	 * after a reserve, so the rest of the program never runs short.
	 */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur > 256) {
		rlim_t n = rl.rlim_cur == RLIM_INFINITY ? 1 << 20 : rl.rlim_cur;

		pr->fd_budget = (size_t)((n > 1 << 20 ? 1 << 20 : n) - 128) / 2;
	}
	/* ~340 pid entries a getdents64 call: 15 calls list 5,000 pids,
	 * and the buffer lives as long as histop (issue 4: memory). */
	pr->dents_sz = 8192;
	pr->dents = xmalloc(pr->dents_sz);
	pr->bufsz = 4096;
	pr->buf = xmalloc(pr->bufsz);
	pr->sbufsz = 1024;
	pr->sbuf = xmalloc(pr->sbufsz);
	pr->cbufsz = 4096;
	pr->cbuf = xmalloc(pr->cbufsz);
	pr->users = users_new();
	pr->strs = rstr_set_new();
	LINUX(c)->procs = pr;
	return 0;
}

static void
ent_free(struct linux_procs *pr, struct proc_ent *e)
{
	if (e->kept_fd > 0) {
		close(e->kept_fd - 1);
		e->kept_fd = 0;
		pr->nkept--;
	}
	rstr_unref(e->comm);
	rstr_unref(e->cmdline);
	rstr_unref(e->cgroup);
	e->comm = e->cmdline = e->cgroup = NULL;
}

void
linux_procs_close(struct probe_collector *c)
{
	struct linux_procs *pr;
	size_t i;

	if (c->backend == NULL || (pr = PROCS(c)) == NULL)
		return;
	linux_processes_end(c, NULL, false);
	for (i = 0; i < pr->nent; i++)
		ent_free(pr, &pr->ent[i]);
	close(pr->dir_fd);
	free(pr->dents);
	free(pr->pids);
	free(pr->tids);
	free(pr->ent);
	free(pr->buf);
	free(pr->sbuf);
	free(pr->cbuf);
	users_free(pr->users);
	rstr_set_free(pr->strs);
	free(pr);
	LINUX(c)->procs = NULL;
}

unsigned
linux_procs_set_refresh(struct probe_collector *c, unsigned ticks)
{
	struct linux_procs *pr;
	unsigned old;

	if (strcmp(c->ops->name, "linux") != 0 || (pr = PROCS(c)) == NULL)
		return 0;
	old = pr->refresh;
	pr->refresh = ticks == 0 ? 1 : ticks > 1u << 24 ? 1u << 24 : ticks;
	return old;
}

/*
 * Read name under dfd into *buf (grown up to cap bytes of content),
 * NUL-terminated. Returns the byte count or -errno.
 */
static ssize_t
proc_read(int dfd, const char *name, char **buf, size_t *bufsz, size_t cap)
{
	size_t got = 0;
	int fd, err = 0;

	do
		fd = openat(dfd, name,
		    O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	while (fd < 0 && errno == EINTR);
	if (fd < 0)
		return -errno;
	for (;;) {
		size_t want;
		ssize_t n;

		if (got == *bufsz - 1) {
			if (*bufsz > cap)
				break; /* capped */
			*bufsz = *bufsz * 2 > cap + 1 ? cap + 1 : *bufsz * 2;
			*buf = xreallocarray(*buf, *bufsz, 1);
		}
		want = *bufsz - 1 - got;
		n = read(fd, *buf + got, want);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN)
				err = errno;
			break;
		}
		got += (size_t)n;
		if ((size_t)n < want)
			break;
	}
	close(fd);
	(*buf)[got] = '\0';
	return err != 0 ? -err : (ssize_t)got;
}

/* Is the process behind dfd gone? Asked only after a read failed. */
static bool
proc_gone(int dfd, ssize_t r)
{
	if (r == -ESRCH)
		return true;
	if (r != -ENOENT && r != 0)
		return false;
	return faccessat(dfd, "stat", F_OK, 0) != 0;
}

static int
cmp_pid(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;

	return (x > y) - (x < y);
}

/*
 * List the numeric entries of the directory fd (read from its start) into
 * *ids, sorted; pr->dents is the buffer. The proc root's pids and a
 * process's task/ thread ids both.
 */
static int
list_ids(struct linux_procs *pr, int fd, pid_t **ids, size_t *nids,
    size_t *cap)
{
	bool sorted = true;

	*nids = 0;
	if (lseek(fd, 0, SEEK_SET) < 0)
		return -errno;
	for (;;) {
		ssize_t n = getdents64(fd, pr->dents, pr->dents_sz);
		ssize_t off;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			break;
		for (off = 0; off < n;) {
			struct dirent64 *d = (struct dirent64 *)(void *)
			    (pr->dents + off);
			const char *s = d->d_name;
			uint64_t v = 0;

			off += d->d_reclen;
			if (*s < '1' || *s > '9')
				continue;
			while (*s >= '0' && *s <= '9' && v <= INT32_MAX)
				v = v * 10 + (uint64_t)(*s++ - '0');
			if (*s != '\0' || v > INT32_MAX)
				continue;
			if (*nids == *cap)
				*ids = xgrow(*ids, cap, *nids + 1,
				    sizeof(**ids));
			if (*nids > 0 && (*ids)[*nids - 1] >= (pid_t)v)
				sorted = false;
			(*ids)[(*nids)++] = (pid_t)v;
		}
	}
	/* Fixture trees list in any order; the real /proc is sorted. */
	if (!sorted)
		qsort(*ids, *nids, sizeof(**ids), cmp_pid);
	return 0;
}

static int
list_pids(struct linux_procs *pr)
{
	return list_ids(pr, pr->dir_fd, &pr->pids, &pr->npids, &pr->cap_pids);
}

/* Set the entry's string *dst to the n bytes at s: kept when they are
 * the same (snapshots go on sharing it), NULL when empty. */
static void
ent_set_str(struct linux_procs *pr, const char **dst, const char *s, size_t n)
{
	if (n > 0 && rstr_eq(*dst, s, n))
		return;
	rstr_unref(*dst);
	*dst = n > 0 ? rstr_intern(pr->strs, s, n) : NULL;
}

#define BIT(f) (UINT64_C(1) << (f))
#define FULL_BITS (BIT(PROC_UID) | BIT(PROC_SHARED) | BIT(PROC_DATA) | \
	BIT(PROC_STACK) | BIT(PROC_SWAP) | BIT(PROC_READ_BYTES) |      \
	BIT(PROC_WRITE_BYTES))
#define SLOW_BITS (BIT(PROC_CMDLINE) | BIT(PROC_CGROUP))

/*
 * status (+ statm on kernels before 4.5, which lack RssFile) and io.
 * Returns false when the process vanished meanwhile.
 */
static bool
read_full(struct probe_collector *c, struct linux_procs *pr, int dfd,
    struct proc_ent *e, const struct proc_stat *ps)
{
	struct proc_status st;
	struct proc_io io;
	ssize_t r;

	e->have &= ~FULL_BITS;
	r = proc_read(dfd, "status", &pr->buf, &pr->bufsz, 1 << 20);
	if (r <= 0) {
		if (proc_gone(dfd, r))
			return false;
	} else {
		proc_parse_status(pr->buf, (size_t)r, &st);
		if (st.have & (1u << PSTATUS_UID)) {
			e->uid = (uid_t)st.uid;
			e->have |= BIT(PROC_UID);
		}
		if (!(st.have & (1u << PSTATUS_VMSIZE)) &&
		    (ps->have & (1u << PSTAT_VSIZE)) && ps->vsize == 0) {
			/* No address space (kernel thread, zombie): none used. */
			e->shared = e->data = e->stack = e->swap = 0;
			e->have |= BIT(PROC_SHARED) | BIT(PROC_DATA) |
			    BIT(PROC_STACK) | BIT(PROC_SWAP);
		} else {
			if (st.have & (1u << PSTATUS_VMDATA)) {
				e->data = st.vm_data;
				e->have |= BIT(PROC_DATA);
			}
			if (st.have & (1u << PSTATUS_VMSTK)) {
				e->stack = st.vm_stk;
				e->have |= BIT(PROC_STACK);
			}
			if (st.have & (1u << PSTATUS_VMSWAP)) {
				e->swap = st.vm_swap;
				e->have |= BIT(PROC_SWAP);
			}
			if ((st.have & (1u << PSTATUS_RSSFILE)) &&
			    (st.have & (1u << PSTATUS_RSSSHMEM)) &&
			    st.rss_file <= UINT64_MAX - st.rss_shmem) {
				e->shared = st.rss_file + st.rss_shmem;
				e->have |= BIT(PROC_SHARED);
			} else if (st.have & (1u << PSTATUS_VMSIZE)) {
				uint64_t m[PROC_STATM_N];

				r = proc_read(dfd, "statm", &pr->buf,
				    &pr->bufsz, 4096);
				if (r > 0 && proc_parse_statm(pr->buf,
				    (size_t)r, m) >= 3 &&
				    m[2] <= UINT64_MAX /
				    (uint64_t)LINUX(c)->pagesize) {
					e->shared = m[2] *
					    (uint64_t)LINUX(c)->pagesize;
					e->have |= BIT(PROC_SHARED);
				}
			}
		}
	}
	r = proc_read(dfd, "io", &pr->buf, &pr->bufsz, 4096);
	if (r > 0) {
		proc_parse_io(pr->buf, (size_t)r, &io);
		if (io.have & 1u) {
			e->rd = io.read_bytes;
			e->have |= BIT(PROC_READ_BYTES);
		}
		if (io.have & 2u) {
			e->wr = io.write_bytes;
			e->have |= BIT(PROC_WRITE_BYTES);
		}
	} else if (r != -EACCES && r != -EPERM && proc_gone(dfd, r))
		return false;
	return true;
}

/* cmdline and cgroup. Returns false when the process vanished meanwhile. */
static bool
read_slow(struct probe_collector *c, struct linux_procs *pr, int dfd,
    struct proc_ent *e)
{
	const char *path;
	size_t plen;
	ssize_t r;

	e->have &= ~SLOW_BITS;
	r = proc_read(dfd, "cmdline", &pr->cbuf, &pr->cbufsz, PROC_CMDLINE_MAX);
	if (r >= 0) {
		size_t n = proc_cmdline_join(pr->cbuf, (size_t)r);

		ent_set_str(pr, &e->cmdline, pr->cbuf, n);
		e->have |= BIT(PROC_CMDLINE);
	} else if (r != -EACCES && r != -EPERM && proc_gone(dfd, r))
		return false;
	if (!c->opts.proc_cgroups)
		return true;
	r = proc_read(dfd, "cgroup", &pr->buf, &pr->bufsz, 1 << 16);
	if (r > 0 && proc_parse_cgroup(pr->buf, (size_t)r, &path, &plen)) {
		ent_set_str(pr, &e->cgroup, path, plen);
		e->have |= BIT(PROC_CGROUP);
	} else if (r <= 0 && r != -EACCES && r != -EPERM && proc_gone(dfd, r))
		return false;
	return true;
}

/* Start time, user/system/total CPU time and nice of a process or a
 * thread from its stat, each known only if stat gave it whole. */
static void
stat_times(long hz, const struct proc_stat *ps, struct snap_proc *p)
{
	if (proc_ticks_to_ns(ps->starttime, hz, &p->start_time_ns))
		p->have |= BIT(PROC_START_TIME);
	if ((ps->have & (1u << PSTAT_UTIME)) &&
	    proc_ticks_to_ns(ps->utime, hz, &p->user_time_ns))
		p->have |= BIT(PROC_USER_TIME);
	if ((ps->have & (1u << PSTAT_STIME)) &&
	    proc_ticks_to_ns(ps->stime, hz, &p->system_time_ns))
		p->have |= BIT(PROC_SYSTEM_TIME);
	if (HAVE(p->have, PROC_USER_TIME) && HAVE(p->have, PROC_SYSTEM_TIME) &&
	    p->user_time_ns <= UINT64_MAX - p->system_time_ns) {
		p->total_time_ns = p->user_time_ns + p->system_time_ns;
		p->have |= BIT(PROC_TOTAL_TIME);
	}
	if (ps->have & (1u << PSTAT_NICE)) {
		p->nice = (int32_t)ps->nice;
		p->have |= BIT(PROC_NICE);
	}
}

static void
fill(struct probe_collector *c, struct linux_procs *pr, struct snapshot *s,
    const struct proc_stat *ps, const struct proc_ent *e)
{
	struct snap_proc *p = snapshot_add_proc(s);
	long hz = LINUX(c)->hz;
	uint64_t pg = (uint64_t)LINUX(c)->pagesize;
	const char *user;

	p->pid = e->pid;
	p->ppid = (pid_t)ps->ppid;
	p->state = ps->state;
	snapshot_proc_share(p, SNAP_SHARED_COMM, e->comm);
	p->have = BIT(PROC_PID) | BIT(PROC_PPID) | BIT(PROC_STATE) |
	    BIT(PROC_COMM);
	if (ps->have & (1u << PSTAT_FLAGS))
		p->kernel_thread = (ps->flags & PROC_PF_KTHREAD) != 0;
	else
		p->kernel_thread = ps->pid == 2 || ps->ppid == 2;
	stat_times(hz, ps, p);
	if (ps->have & (1u << PSTAT_THREADS)) {
		p->threads = (int32_t)ps->threads;
		p->have |= BIT(PROC_THREADS);
	}
	if (ps->have & (1u << PSTAT_VSIZE)) {
		p->vms_bytes = ps->vsize;
		p->have |= BIT(PROC_VMS);
	}
	if ((ps->have & (1u << PSTAT_RSS)) && ps->rss <= UINT64_MAX / pg) {
		p->rss_bytes = ps->rss * pg;
		p->have |= BIT(PROC_RSS);
	}

	p->have |= e->have;
	p->uid = e->uid;
	p->shared_bytes = e->shared;
	p->data_bytes = e->data;
	p->stack_bytes = e->stack;
	p->swap_bytes = e->swap;
	p->read_bytes = e->rd;
	p->write_bytes = e->wr;
	/* References to the cache's strings, not copies: a command line is
	 * held once however many snapshots show it. */
	if (HAVE(e->have, PROC_CMDLINE))
		snapshot_proc_share(p, SNAP_SHARED_CMDLINE, e->cmdline);
	if (HAVE(e->have, PROC_CGROUP) && e->cgroup != NULL)
		snapshot_proc_share(p, SNAP_SHARED_CGROUP, e->cgroup);
	else
		p->have &= ~BIT(PROC_CGROUP);
	if (HAVE(e->have, PROC_UID) &&
	    (user = users_name(pr->users, e->uid)) != NULL) {
		snapshot_proc_share(p, SNAP_SHARED_USER, user);
		p->have |= BIT(PROC_USER);
	}
}

/* String `which` of thread t: the process's own reference when it holds
 * one, else a copy in the snapshot's pool. */
static void
thread_str(struct snapshot *s, struct snap_proc *t, const struct snap_proc *p,
    unsigned which, const char *v, const char **dst)
{
	if (v == NULL)
		return;
	if (p->shared & which)
		snapshot_proc_share(t, which, v);
	else
		*dst = snapshot_str(s, v, strlen(v));
}

/*
 * The userland threads of the process at s->proc[idx] but its main one,
 * from task/TID/stat under its directory dfd (the threads option): each
 * with its own name, state, times and nice, the process's memory (threads
 * share it) and strings, ppid the process. Read afresh every tick, no
 * cache: the option costs one stat read a thread while it is on. A
 * thread gone meanwhile is left out.
 */
static void
add_threads(struct probe_collector *c, struct linux_procs *pr,
    struct snapshot *s, int dfd, size_t idx)
{
	const struct snap_proc p = s->proc[idx]; /* adding moves the array */
	const uint64_t keep = BIT(PROC_UID) | BIT(PROC_USER) |
	    BIT(PROC_CMDLINE) | BIT(PROC_CGROUP) | BIT(PROC_RSS) |
	    BIT(PROC_VMS) | BIT(PROC_SWAP) | BIT(PROC_SHARED) |
	    BIT(PROC_DATA) | BIT(PROC_STACK);
	long hz = LINUX(c)->hz;
	struct proc_stat ts;
	char name[48];
	const char *comm;
	size_t k;
	int tfd, rl;
	ssize_t r;

	tfd = openat(dfd, "task", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (tfd < 0)
		return;
	rl = list_ids(pr, tfd, &pr->tids, &pr->ntids, &pr->cap_tids);
	close(tfd);
	for (k = 0; rl == 0 && k < pr->ntids; k++) {
		struct snap_proc *t;
		pid_t tid = pr->tids[k];

		if (tid == p.pid)
			continue;
		snprintf(name, sizeof(name), "task/%d/stat", (int)tid);
		r = proc_read(dfd, name, &pr->sbuf, &pr->sbufsz, 4096);
		if (r <= 0 || proc_parse_stat(pr->sbuf, (size_t)r, &ts) != 0)
			continue;
		t = snapshot_add_proc(s);
		pr->nthreads++;
		t->pid = tid;
		t->ppid = p.pid;
		t->thread = true;
		t->state = ts.state;
		t->uid = p.uid;
		comm = rstr_intern(pr->strs, ts.comm, ts.comm_len);
		snapshot_proc_share(t, SNAP_SHARED_COMM, comm);
		rstr_unref(comm);
		t->have = BIT(PROC_PID) | BIT(PROC_PPID) | BIT(PROC_STATE) |
		    BIT(PROC_COMM) | (p.have & keep);
		stat_times(hz, &ts, t);
		t->rss_bytes = p.rss_bytes;
		t->vms_bytes = p.vms_bytes;
		t->swap_bytes = p.swap_bytes;
		t->shared_bytes = p.shared_bytes;
		t->data_bytes = p.data_bytes;
		t->stack_bytes = p.stack_bytes;
		thread_str(s, t, &p, SNAP_SHARED_USER, p.user, &t->user);
		thread_str(s, t, &p, SNAP_SHARED_CMDLINE, p.cmdline,
		    &t->cmdline);
		thread_str(s, t, &p, SNAP_SHARED_CGROUP, p.cgroup, &t->cgroup);
	}
}

/* Mix v into hash h (a multiply-xorshift step). */
static uint64_t
mix64(uint64_t h, uint64_t v)
{
	h = (h ^ v) * UINT64_C(0x9e3779b97f4a7c15);
	return h ^ (h >> 29);
}

/* Hash of what the stat of one tick says that status/io depend on: the
 * process must run, or have its memory reclaimed, to change any of it. */
static uint64_t
stat_sig(const struct proc_stat *ps)
{
	uint64_t h = 0;

	h = mix64(h, ps->utime);
	h = mix64(h, ps->stime);
	h = mix64(h, ps->minflt);
	h = mix64(h, ps->majflt);
	h = mix64(h, ps->vsize);
	h = mix64(h, ps->rss);
	h = mix64(h, (uint64_t)ps->threads);
	h = mix64(h, ps->have);
	return mix64(h, (unsigned char)ps->state);
}


/*
 * Sample one process into s, updating its cache entry e (which holds the
 * previous tick's entry for this pid, or is fresh). Returns false when the
 * process is gone or unreadable: nothing was added to s.
 */
static bool
sample_one(struct probe_collector *c, struct linux_procs *pr,
    struct snapshot *s, struct proc_ent *e, bool cached)
{
	struct proc_stat ps;
	uint64_t sig;
	char name[16];
	int dfd, len = 0;
	pid_t v = e->pid;
	bool forced, forced_slow, ok = false;
	bool exec;
	ssize_t r;

	/* The pid dir's name: the only string built per process. */
	do
		name[sizeof(name) - 1 - len++] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	memmove(name, name + sizeof(name) - len, (size_t)len);
	name[len] = '\0';

	/* stat has its own buffer: ps.comm points into it until fill(). */
	if (cached && e->kept_fd > 0) {
		dfd = e->kept_fd - 1;
		r = proc_read(dfd, "stat", &pr->sbuf, &pr->sbufsz, 4096);
		if (r > 0 && proc_parse_stat(pr->sbuf, (size_t)r, &ps) == 0)
			goto have_stat;
		/* The process we kept is dead; the pid may be someone new's. */
		ent_free(pr, e);
		cached = false;
	}
	dfd = openat(LINUX(c)->proc_fd, name,
	    O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return false;
	r = proc_read(dfd, "stat", &pr->sbuf, &pr->sbufsz, 4096);
	if (r <= 0 || proc_parse_stat(pr->sbuf, (size_t)r, &ps) != 0)
		goto out;
have_stat:
	if (cached && e->starttime != ps.starttime) {
		/* The pid was reused: nothing of the old process carries over. */
		int kept = e->kept_fd;

		e->kept_fd = 0;
		ent_free(pr, e);
		e->kept_fd = kept;
		cached = false;
	}
	if (!cached) {
		pid_t pid = e->pid;

		int kept = e->kept_fd;

		memset(e, 0, sizeof(*e));
		e->pid = pid;
		e->kept_fd = kept;
		e->starttime = ps.starttime;
	}
	sig = stat_sig(&ps);
	forced = pr->refresh <= 1 ||
	    ((uint32_t)e->pid + pr->tick) % pr->refresh == 0;
	forced_slow = pr->refresh <= 1 ||
	    ((uint32_t)e->pid + pr->tick) % (pr->refresh * 4) == 0;
	if (!e->read_full || forced ||
	    sig != e->sig) {
		if (!read_full(c, pr, dfd, e, &ps))
			goto out;
		e->read_full = true;
	}
	e->sig = sig;
	/* comm is kept even when empty: a snapshot's comm is never NULL */
	exec = !rstr_eq(e->comm, ps.comm, ps.comm_len);
	if (exec) {
		rstr_unref(e->comm);
		e->comm = rstr_intern(pr->strs, ps.comm, ps.comm_len);
	}
	if (!e->read_slow || forced_slow || exec) {
		if (!read_slow(c, pr, dfd, e))
			goto out;
		e->read_slow = true;
	}
	fill(c, pr, s, &ps, e);
	ok = true;
	if (c->opts.threads && !s->proc[s->nproc - 1].kernel_thread &&
	    (ps.have & (1u << PSTAT_THREADS)) && ps.threads > 1)
		add_threads(c, pr, s, dfd, s->nproc - 1);
	if (e->kept_fd == 0 && pr->nkept < pr->fd_budget && pr->refresh > 1) {
		e->kept_fd = dfd + 1;
		pr->nkept++;
		return true;
	}
out:
	if (e->kept_fd != dfd + 1)
		close(dfd);
	return ok;
}

/*
 * The walk in slices (probe_sample_begin/step/finish). The cache is one
 * array, rearranged in place: begin lists the pids, drops the entries of
 * pids no longer listed, then spreads the rest from the back so that
 * ent[i] is pids[i]'s entry (cached) or a blank one. Each step samples
 * the next ones and packs those that could be read at the front:
 * between steps ent[0, wk) is done, ent[wi, npids) to come. end evicts
 * what was not reached.
 */
int
linux_processes_begin(struct probe_collector *c, struct snapshot *s)
{
	struct linux_procs *pr = PROCS(c);
	size_t i, j, m = 0;
	int r;

	if (pr->walking)
		return -EBUSY;
	if ((r = list_pids(pr)) != 0)
		return r;
	/* Keep the entries of listed pids, packed at the front. */
	for (i = 0, j = 0; j < pr->nent; j++) {
		while (i < pr->npids && pr->pids[i] < pr->ent[j].pid)
			i++;
		if (i < pr->npids && pr->pids[i] == pr->ent[j].pid) {
			if (m != j)
				pr->ent[m] = pr->ent[j];
			m++;
		} else
			ent_free(pr, &pr->ent[j]);
	}
	pr->nent = m;
	/* room for every listed pid (given back after a burst) */
	pr->ent = xfit(pr->ent, &pr->cap_ent, pr->npids, sizeof(*pr->ent));
	/* Spread them to their pid's index, from the back: an entry only
	 * ever moves up, over slots already moved or never used. */
	for (i = pr->npids, j = m; i-- > 0;) {
		struct proc_ent *e = &pr->ent[i];

		if (j > 0 && pr->ent[j - 1].pid == pr->pids[i]) {
			if (--j != i)
				*e = pr->ent[j];
			e->cached = true;
		} else {
			memset(e, 0, sizeof(*e));
			e->pid = pr->pids[i];
		}
	}
	pr->nent = 0;
	snapshot_reserve_procs(s, pr->npids + pr->nthreads);
	pr->nthreads = 0;
	pr->tick++;
	pr->wi = pr->wk = 0;
	pr->walking = true;
	return 0;
}

int
linux_processes_step(struct probe_collector *c, struct snapshot *s,
    size_t max)
{
	struct linux_procs *pr = PROCS(c);

	for (; max > 0 && pr->wi < pr->npids; max--) {
		struct proc_ent *e = &pr->ent[pr->wi++];

		if (!sample_one(c, pr, s, e, e->cached)) {
			ent_free(pr, e);
			continue;
		}
		e->cached = false;
		if (pr->wk != pr->wi - 1)
			pr->ent[pr->wk] = *e;
		pr->wk++;
	}
	return pr->wi < pr->npids;
}

void
linux_processes_end(struct probe_collector *c, struct snapshot *s, bool keep)
{
	struct linux_procs *pr = PROCS(c);

	if (!pr->walking)
		return;
	/* Not reached (the walk was abandoned): evicted, so an abandoned
	 * walk costs one re-read of those pids, never a stale or leaked
	 * entry. */
	while (pr->wi < pr->npids)
		ent_free(pr, &pr->ent[pr->wi++]);
	pr->nent = pr->wk;
	pr->walking = false;
	if (pr->tick % SWEEP_EVERY == 0)
		rstr_set_sweep(pr->strs);
	if (keep)
		snapshot_sort_procs(s);
}

int
linux_processes(struct probe_collector *c, struct snapshot *s)
{
	int r = linux_processes_begin(c, s);

	if (r != 0)
		return r;
	while (linux_processes_step(c, s, SIZE_MAX) > 0)
		;
	linux_processes_end(c, s, true);
	return 0;
}

int
linux_process_limits(struct probe_collector *c, pid_t pid,
    struct snap_rlimit *out)
{
	struct linux_procs *pr = PROCS(c);
	char name[24];
	ssize_t r;
	int dfd;

	memset(out, 0, sizeof(*out));
	if (pid <= 0)
		return -EINVAL;
	snprintf(name, sizeof(name), "%d", (int)pid);
	dfd = openat(LINUX(c)->proc_fd, name, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return -errno;
	r = proc_read(dfd, "limits", &pr->buf, &pr->bufsz, 1 << 16);
	close(dfd);
	if (r < 0)
		return (int)r;
	if (proc_parse_limits(pr->buf, (size_t)r, out) == 0)
		return -EINVAL;
	return 0;
}
