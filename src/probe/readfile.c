/* readfile.c: small-file reads and bounded number parsing. libc only. */
#include "config.h"

#include "probe/readfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/xalloc.h"

static int
open_ro(int dirfd, const char *name)
{
	int fd;

	do
		fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	while (fd < 0 && errno == EINTR);
	return fd;
}

/*
 * Read from fd into buf[*got .. size - 1). Returns 0 when the buffer is
 * full, FILL_EOF at end of file, or an errno value.
 */
#define FILL_EOF (-1)
static int
fill(int fd, char *buf, size_t size, size_t *got)
{
	while (*got < size - 1) {
		ssize_t n = read(fd, buf + *got, size - 1 - *got);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		if (n == 0)
			return FILL_EOF;
		*got += (size_t)n;
	}
	return 0;
}

ssize_t
read_file_at(int dirfd, const char *name, char *buf, size_t size)
{
	size_t got = 0;
	int fd, r;

	if (size == 0)
		return -EINVAL;
	if ((fd = open_ro(dirfd, name)) < 0)
		return -errno;
	r = fill(fd, buf, size, &got);
	close(fd);
	buf[got] = '\0';
	return r > 0 ? -r : (ssize_t)got;
}

ssize_t
read_file_grow(int dirfd, const char *name, char **buf, size_t *bufsz,
    size_t cap)
{
	size_t got = 0;
	int fd, r;

	if (*buf == NULL || *bufsz == 0) {
		*bufsz = 4096;
		*buf = xmalloc(*bufsz);
	}
	if ((fd = open_ro(dirfd, name)) < 0)
		return -errno;
	/* A full buffer grows until the cap; past it we keep what we have. */
	while ((r = fill(fd, *buf, *bufsz, &got)) == 0 && *bufsz < cap) {
		*bufsz = *bufsz * 2 > cap ? cap : *bufsz * 2;
		*buf = xreallocarray(*buf, *bufsz, 1);
	}
	close(fd);
	(*buf)[got] = '\0';
	return r > 0 ? -r : (ssize_t)got;
}

static void
skip_blank(const char **p, const char *end)
{
	while (*p < end && (**p == ' ' || **p == '\t'))
		(*p)++;
}

bool
parse_u64(const char **p, const char *end, uint64_t *out)
{
	uint64_t v = 0;
	bool any = false, ovf = false;

	skip_blank(p, end);
	while (*p < end && **p >= '0' && **p <= '9') {
		unsigned d = (unsigned)(**p - '0');

		if (v > (UINT64_MAX - d) / 10)
			ovf = true;
		else
			v = v * 10 + d;
		any = true;
		(*p)++;
	}
	if (!any || ovf)
		return false;
	*out = v;
	return true;
}

bool
parse_i64(const char **p, const char *end, int64_t *out)
{
	uint64_t v;
	bool neg = false;

	skip_blank(p, end);
	if (*p < end && **p == '-') {
		neg = true;
		(*p)++;
	}
	if (!parse_u64(p, end, &v))
		return false;
	if (neg) {
		if (v > (uint64_t)INT64_MAX + 1)
			return false;
		*out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
	} else {
		if (v > (uint64_t)INT64_MAX)
			return false;
		*out = (int64_t)v;
	}
	return true;
}

void
skip_field(const char **p, const char *end)
{
	skip_blank(p, end);
	while (*p < end && **p != ' ' && **p != '\t' && **p != '\n')
		(*p)++;
}
