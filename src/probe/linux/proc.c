/* proc.c: processes of the Linux backend. PLACEHOLDER until implemented. */
#include "config.h"

#include <errno.h>

#include "probe/linux/linux.h"

int linux_procs_open(struct probe_collector *c, char *err, size_t errlen) { return 0; }
void linux_procs_close(struct probe_collector *c) { }
int linux_processes(struct probe_collector *c, struct snapshot *s) { return -ENOSYS; }
int linux_process_limits(struct probe_collector *c, pid_t p, struct snap_rlimit *o) { return -ENOSYS; }
