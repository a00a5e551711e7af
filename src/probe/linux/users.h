/*
 * users.h: uid -> user name, looked up once per uid with getpwuid_r() and
 * cached for the collector's lifetime (a process list asks for the same
 * few uids every tick). Depends on libc and core/xalloc, core/rstr.
 */
#ifndef HISTOP_PROBE_LINUX_USERS_H
#define HISTOP_PROBE_LINUX_USERS_H

#include <sys/types.h>

struct users;

/* Caller frees with users_free(). */
struct users *users_new(void);
void users_free(struct users *);
/*
 * Name of uid, or NULL when the user database has none: a core/rstr.h
 * string, so a snapshot can hold a reference rather than a copy.
 * Borrowed; valid until users_free() (or longer, with a reference).
 */
const char *users_name(struct users *, uid_t uid);

#endif
