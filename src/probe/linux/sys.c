/* sys.c: system areas of the Linux backend. PLACEHOLDER until implemented. */
#include "config.h"

#include <errno.h>

#include "probe/linux/linux.h"

int linux_sys_open(struct probe_collector *c, char *err, size_t errlen) { return 0; }
void linux_sys_close(struct probe_collector *c) { }
int linux_cpu(struct probe_collector *c, struct snapshot *s) { return -ENOSYS; }
int linux_memory(struct probe_collector *c, struct snapshot *s) { return -ENOSYS; }
int linux_load(struct probe_collector *c, struct snapshot *s) { return -ENOSYS; }
int linux_disk(struct probe_collector *c, struct snapshot *s) { return -ENOSYS; }
int linux_network(struct probe_collector *c, struct snapshot *s) { return -ENOSYS; }
int linux_io(struct probe_collector *c, struct snapshot *s) { return -ENOSYS; }
int linux_quota(struct probe_collector *c, struct snapshot *s) { return -ENOSYS; }
int linux_cgroup(struct probe_collector *c, struct snapshot *s, const char *p, struct snap_cgroup *o) { return -ENOSYS; }
void linux_boot_id(struct probe_collector *c, char *b, size_t n) { if (n) b[0] = 0; }
