/*
 * config.c: the user's choices (columns, sort, tree, panes, ...) in
 * $XDG_CONFIG_HOME/histop/histoprc as "key=value" lines. The file is
 * hostile input: oversized or binary content gives the defaults and a
 * warning, unknown keys and bad values are skipped. Saving is atomic
 * (temp file + rename) with mode 0600. Depends on core and libbsd.
 */
#include "config.h"

#include "ui/ui_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/xalloc.h"

#define CONFIG_MAX (64 * 1024)

void
config_defaults(struct ui_config *c)
{
	memset(c, 0, sizeof(*c));
	c->columns = (1u << COL_PID) | (1u << COL_USER) | (1u << COL_STATE) |
	    (1u << COL_CPU) | (1u << COL_MEM) | (1u << COL_RSS) |
	    (1u << COL_VIRT) | (1u << COL_SHR) | (1u << COL_TIME) |
	    (1u << COL_READ) | (1u << COL_WRITE) | (1u << COL_NICE) |
	    (1u << COL_COMMAND);
	c->sort = COL_CPU;
	c->panes = (1u << PANE_N) - 1;
}

static bool
parse_bool(const char *v, bool *out)
{
	if (strcmp(v, "1") == 0 || strcmp(v, "yes") == 0 ||
	    strcmp(v, "true") == 0)
		*out = true;
	else if (strcmp(v, "0") == 0 || strcmp(v, "no") == 0 ||
	    strcmp(v, "false") == 0)
		*out = false;
	else
		return false;
	return true;
}

/* Comma-separated names from table into a bit mask; false if none known. */
static bool
parse_list(const char *v, uint32_t *out, bool columns)
{
	char buf[512], *p, *tok, *save = NULL;
	uint32_t m = 0;

	strlcpy(buf, v, sizeof(buf));
	for (p = buf; (tok = strtok_r(p, ",", &save)) != NULL; p = NULL) {
		int i;

		if (columns) {
			if ((i = col_by_name(tok)) >= 0 &&
			    strcmp(tok, ui_columns[i].name) == 0)
				m |= 1u << i;
			continue;
		}
		for (i = 0; i < PANE_N; i++)
			if (strcmp(tok, ui_panes[i].name) == 0)
				m |= 1u << i;
	}
	if (m == 0 && columns)
		return false;
	*out = m;
	return true;
}

/* The boolean setting named k in c, or NULL. */
static bool *
bool_key(struct ui_config *c, const char *k)
{
	if (strcmp(k, "invert") == 0)
		return &c->invert;
	if (strcmp(k, "tree") == 0)
		return &c->tree;
	if (strcmp(k, "kernel_threads") == 0)
		return &c->kernel_threads;
	if (strcmp(k, "threads") == 0)
		return &c->threads;
	if (strcmp(k, "numbers") == 0)
		return &c->cpu_numbers;
	return NULL;
}

static int
problem(int n, char *warn, size_t len, const char *what, int line)
{
	if (n == 0)
		snprintf(warn, len, "config line %d: %s; skipped", line, what);
	return n + 1;
}

int
config_parse(struct ui_config *c, const char *buf, size_t len, char *warn,
    size_t warnlen)
{
	struct ui_config t = *c;
	size_t i = 0;
	int bad = 0, lineno = 0;

	warn[0] = '\0';
	if (len > CONFIG_MAX || memchr(buf, '\0', len) != NULL) {
		snprintf(warn, warnlen, "not a histop config file (%s); using "
		    "defaults", len > CONFIG_MAX ? "too large" : "binary");
		config_defaults(c);
		return 1;
	}
	while (i < len) {
		const char *nl = memchr(buf + i, '\n', len - i);
		size_t n = nl != NULL ? (size_t)(nl - (buf + i)) : len - i;
		char line[600], *eq, *k, *v;
		int col;
		bool *bp;

		lineno++;
		if (n >= sizeof(line)) {
			bad = problem(bad, warn, warnlen,
			    "too long", lineno);
			i += n + 1;
			continue;
		}
		memcpy(line, buf + i, n);
		line[n] = '\0';
		i += n + 1;
		if (n > 0 && line[n - 1] == '\r')
			line[n - 1] = '\0';
		k = line + strspn(line, " \t");
		if (*k == '#' || *k == '\0')
			continue;
		if ((eq = strchr(k, '=')) == NULL) {
			bad = problem(bad, warn, warnlen,
			    "no '='", lineno);
			continue;
		}
		*eq = '\0';
		v = eq + 1;
		k[strcspn(k, " \t")] = '\0';
		v += strspn(v, " \t");
		v[strcspn(v, " \t")] = '\0';
		if (strcmp(k, "columns") == 0) {
			if (!parse_list(v, &t.columns, true))
				bad = problem(bad, warn, warnlen,
				    "no known column", lineno);
		} else if (strcmp(k, "panes") == 0)
			parse_list(v, &t.panes, false);
		else if (strcmp(k, "sort") == 0) {
			if ((col = col_by_name(v)) >= 0)
				t.sort = col;
			else
				bad = problem(bad, warn, warnlen,
				    "unknown sort column", lineno);
		} else if ((bp = bool_key(&t, k)) != NULL) {
			if (!parse_bool(v, bp))
				bad = problem(bad, warn, warnlen,
				    "not a yes/no value",
				    lineno);
		} else
			bad = problem(bad, warn, warnlen,
			    "unknown key", lineno);
	}
	*c = t;
	return bad;
}

static void
append_list(char *buf, size_t len, uint32_t mask, bool columns)
{
	int i, n = columns ? COL_N : PANE_N;
	bool first = true;

	for (i = 0; i < n; i++) {
		if (!(mask & (1u << i)))
			continue;
		if (!first)
			strlcat(buf, ",", len);
		strlcat(buf, columns ? ui_columns[i].name : ui_panes[i].name,
		    len);
		first = false;
	}
}

size_t
config_format(const struct ui_config *c, char *buf, size_t len)
{
	char cols[512] = "", panes[256] = "";

	append_list(cols, sizeof(cols), c->columns, true);
	append_list(panes, sizeof(panes), c->panes, false);
	return (size_t)snprintf(buf, len, "# histop settings, saved by "
	    "histop\ncolumns=%s\nsort=%s\ninvert=%d\ntree=%d\n"
	    "kernel_threads=%d\nthreads=%d\nnumbers=%d\npanes=%s\n", cols,
	    ui_columns[c->sort].name, c->invert, c->tree, c->kernel_threads,
	    c->threads, c->cpu_numbers, panes);
}

char *
config_path(void)
{
	const char *x = getenv("XDG_CONFIG_HOME"), *h = getenv("HOME");

	if (x != NULL && x[0] == '/')
		return xasprintf("%s/histop/histoprc", x);
	if (h != NULL && h[0] == '/')
		return xasprintf("%s/.config/histop/histoprc", h);
	return NULL;
}

int
config_load(struct ui_config *c, const char *path, char *warn, size_t len)
{
	char *buf;
	struct stat st;
	ssize_t n;
	size_t got = 0;
	int fd, bad;

	warn[0] = '\0';
	if (path == NULL)
		return 0;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		snprintf(warn, len, "config %s: %s; using defaults", path,
		    strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		snprintf(warn, len, "config %s: not a regular file; using "
		    "defaults", path);
		return -1;
	}
	buf = xmalloc(CONFIG_MAX + 1);
	while (got <= CONFIG_MAX && (n = read(fd, buf + got, CONFIG_MAX + 1 -
	    got)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		got += (size_t)n;
	}
	close(fd);
	bad = config_parse(c, buf, got, warn, len);
	free(buf);
	return bad > 0 ? -1 : 0;
}

static int
mkdir_p(char *dir)
{
	char *s;

	for (s = dir + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			*s = '/';
			return -1;
		}
		*s = '/';
	}
	return mkdir(dir, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

int
config_save(const struct ui_config *c, const char *path, char *err, size_t len)
{
	char text[2048], *dir, *tmp, *slash;
	size_t n = config_format(c, text, sizeof(text));
	int fd, rc = -1;

	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL && slash != dir) {
		*slash = '\0';
		if (mkdir_p(dir) != 0) {
			snprintf(err, len, "config dir %s: %s", dir,
			    strerror(errno));
			free(dir);
			return -1;
		}
	}
	free(dir);
	tmp = xasprintf("%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0) {
		snprintf(err, len, "config %s: %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	if (fchmod(fd, 0600) == 0 && write(fd, text, n) == (ssize_t)n &&
	    fsync(fd) == 0) {
		if (close(fd) == 0 && rename(tmp, path) == 0)
			rc = 0;
		fd = -1;
	}
	if (rc != 0) {
		snprintf(err, len, "config %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		unlink(tmp);
	}
	free(tmp);
	return rc;
}
