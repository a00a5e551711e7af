/*
 * paths.h: where histop keeps its files. Depends on libc only.
 */
#ifndef HISTOP_CORE_PATHS_H
#define HISTOP_CORE_PATHS_H

/*
 * The default history database: $XDG_STATE_HOME/histop/history.db, or
 * ~/.local/state/histop/history.db when XDG_STATE_HOME is unset or not
 * absolute (XDG Base Directory spec). The directory is not created here:
 * the store creates missing directories 0700 when it opens for writing.
 * NULL when no home directory can be found. Caller frees.
 */
char *paths_default_db(void);

#endif
