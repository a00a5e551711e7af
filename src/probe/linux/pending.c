/* pending.c: system areas not yet implemented (disk, network, pressure,
 * quotas). Removed as each lands. */
#include "config.h"

#include <errno.h>

#include "probe/linux/sysint.h"

int linux_disk(struct probe_collector *c, struct snapshot *s) { return -ENOSYS; }
int linux_network(struct probe_collector *c, struct snapshot *s) { return -ENOSYS; }
int linux_io(struct probe_collector *c, struct snapshot *s) { return -ENOSYS; }
int linux_quota(struct probe_collector *c, struct snapshot *s) { return -ENOSYS; }
int linux_cgroup(struct probe_collector *c, struct snapshot *s, const char *p, struct snap_cgroup *o) { return -ENOSYS; }
uint32_t parse_cg_controllers(const char *buf, size_t len) { return 0; }
