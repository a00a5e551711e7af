/*
 * test_ui_config.c: the config file — round trip, atomic 0600 save,
 * hostile content (binary, huge, bad lines) giving defaults or skipped
 * lines with a warning. Links libui and core only.
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../tap.h"
#include "core/xalloc.h"
#include "ui/ui_int.h"

#define PARSE(c, s) config_parse(c, s, strlen(s), warn, sizeof(warn))

int
main(void)
{
	struct ui_config c, d, def;
	char warn[256], tmpl[] = "/tmp/histop-cfg-XXXXXX", *path, *big;
	struct stat st;
	int n, fd;
	FILE *f;

	config_defaults(&def);
	c = def;
	n = PARSE(&c, "# comment\ncolumns=pid,rss,command\nsort=rss\n"
	    "tree=yes\ninvert=1\nkernel_threads=true\nnumbers=0\n"
	    "panes=cpu,quota\n");
	is_int(n, 0, "valid file: no problems");
	is_int(c.columns, (1u << COL_PID) | (1u << COL_RSS) | (1u <<
	    COL_COMMAND), "columns parsed");
	is_int(c.sort, COL_RSS, "sort parsed");
	ok(c.tree && c.invert && c.kernel_threads && !c.cpu_numbers,
	    "booleans parsed");
	is_int(c.panes, (1u << PANE_CPU) | (1u << PANE_QUOTA), "panes parsed");

	c = def;
	n = PARSE(&c, "sort=bogus\nfoo=1\ntree=maybe\nno equals\n"
	    "columns=nothing\nsort=pid\n");
	is_int(n, 5, "five bad lines counted");
	ok(strstr(warn, "line 1") != NULL, "warning names the first bad line");
	is_int(c.sort, COL_PID, "good lines still apply");
	is_int(c.columns, def.columns, "bad columns line leaves the default");

	c = def;
	c.sort = COL_PID;
	n = config_parse(&c, "sort=rss\n\0\x01\x02", 12, warn, sizeof(warn));
	ok(n > 0 && strstr(warn, "binary") != NULL, "binary file refused");
	ok(memcmp(&c, &def, sizeof(c)) == 0, "binary file gives the defaults");
	big = xmalloc(200000);
	memset(big, 'a', 200000);
	c = def;
	n = config_parse(&c, big, 200000, warn, sizeof(warn));
	ok(n > 0 && strstr(warn, "too large") != NULL, "huge file refused");
	memset(big, '\n', 200000);
	memcpy(big, "x=", 2);
	n = config_parse(&c, big, 60000, warn, sizeof(warn));
	is_int(n, 1, "60 KB of blank lines: one problem");
	memset(big, 'b', 1000);
	n = config_parse(&c, big, 1000, warn, sizeof(warn));
	ok(n == 1 && strstr(warn, "too long") != NULL, "overlong line "
	    "skipped");
	free(big);

	/* save and load */
	ok(mkdtemp(tmpl) != NULL, "temp dir");
	path = xasprintf("%s/sub/dir/histoprc", tmpl);
	c = def;
	c.sort = COL_TIME;
	c.tree = true;
	c.columns &= ~(1u << COL_USER);
	is_int(config_save(&c, path, warn, sizeof(warn)), 0, "saved, "
	    "creating directories");
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600, "mode 0600");
	d = def;
	is_int(config_load(&d, path, warn, sizeof(warn)), 0, "loaded");
	ok(memcmp(&c, &d, sizeof(c)) == 0, "round trip exact");
	{
		char *dir = xasprintf("%s/sub/dir", tmpl), cmd[512];

		snprintf(cmd, sizeof(cmd), "test $(ls -A %s | wc -l) -eq 1",
		    dir);
		is_int(system(cmd), 0, "no temp file left beside it");
		free(dir);
	}
	/* a symlink is not followed */
	{
		char *link = xasprintf("%s/link", tmpl);

		ok(symlink(path, link) == 0, "symlink planted");
		d = def;
		is_int(config_load(&d, link, warn, sizeof(warn)), -1,
		    "symlinked config refused");
		ok(memcmp(&d, &def, sizeof(d)) == 0, "and defaults kept");
		free(link);
	}
	/* a missing file is fine and silent */
	{
		char *none = xasprintf("%s/none", tmpl);

		d = def;
		is_int(config_load(&d, none, warn, sizeof(warn)), 0,
		    "missing file is fine");
		is_str(warn, "", "and silent");
		free(none);
	}
	/* binary on disk */
	f = fopen(path, "w");
	fwrite("\x7f" "ELF\0\0\x01", 1, 7, f);
	fclose(f);
	d = def;
	d.sort = COL_PID;
	is_int(config_load(&d, path, warn, sizeof(warn)), -1, "binary file "
	    "warns");
	ok(memcmp(&d, &def, sizeof(d)) == 0, "binary file: defaults");
	/* a directory in the way: save fails cleanly */
	fd = open(path, O_RDONLY);
	close(fd);
	unlink(path);
	mkdir(path, 0700);
	is_int(config_save(&c, path, warn, sizeof(warn)), -1, "save over a "
	    "directory fails");
	ok(warn[0] != '\0', "with a message");
	rmdir(path);
	{
		char cmd[512];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpl);
		if (system(cmd) != 0)
			fputs("# cleanup failed\n", stderr);
	}
	free(path);
	return tap_done();
}
