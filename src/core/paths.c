/* paths.c: default file locations (XDG base directories). libc only. */
#include "config.h"

#include "core/paths.h"

#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/xalloc.h"

char *
paths_default_db(void)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");

	if (state != NULL && state[0] == '/')
		return xasprintf("%s/histop/history.db", state);
	if (home == NULL || home[0] != '/') {
		struct passwd *pw = getpwuid(getuid());

		if (pw == NULL || pw->pw_dir == NULL || pw->pw_dir[0] != '/')
			return NULL;
		home = pw->pw_dir;
	}
	return xasprintf("%s/.local/state/histop/history.db", home);
}
