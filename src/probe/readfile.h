/*
 * readfile.h: reading small kernel files and parsing their numbers —
 * the helpers every backend parser shares. Parsers are pure functions over
 * (buf, len) so tests can feed them strings. Depends on libc.
 */
#ifndef HISTOP_PROBE_READFILE_H
#define HISTOP_PROBE_READFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * Read the file name (relative to dirfd, O_NOFOLLOW not applied: /proc
 * uses links) into buf, at most size-1 bytes, always NUL-terminated.
 * Retries EINTR. Returns the byte count or -errno.
 */
ssize_t read_file_at(int dirfd, const char *name, char *buf, size_t size);

/*
 * Read the whole file into *buf (grown as needed, up to cap bytes; *bufsz
 * is its size). NUL-terminated. Returns the byte count or -errno. Used for
 * cmdline and mountinfo, whose length has no fixed bound.
 */
ssize_t read_file_grow(int dirfd, const char *name, char **buf,
    size_t *bufsz, size_t cap);

/*
 * Parse a decimal unsigned number at *p (not past end), skipping leading
 * blanks; advance *p past it. False on no digits or overflow (then *p is
 * past the digits, so the caller can carry on). Never reads past end.
 */
bool parse_u64(const char **p, const char *end, uint64_t *out);
/* As parse_u64, with an optional leading '-'. */
bool parse_i64(const char **p, const char *end, int64_t *out);
/* Skip to just past the next whitespace-separated field. */
void skip_field(const char **p, const char *end);

#endif
