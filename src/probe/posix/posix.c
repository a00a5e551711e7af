/* posix.c: POSIX-only fallback backend. PLACEHOLDER until implemented. */
#include "config.h"

#include "probe/probe_int.h"

static int posix_open(struct probe_collector *c, char *err, size_t errlen) { return 0; }
static void posix_close(struct probe_collector *c) { }

const struct probe_ops probe_posix_ops = {
	.name = "posix",
	.open = posix_open,
	.close = posix_close,
};
