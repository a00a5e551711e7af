/* test_strpool.c: the string arena keeps every string intact across chunk
 * growth, takes strings bigger than a chunk, and reuses its memory after a
 * clear (libcore only). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strpool.h"
#include "tests/tap.h"

#define N 20000

/* String i: its number, padded to a length that varies from 0 to 96. */
static size_t
make(char *buf, size_t i)
{
	size_t len = (i * 37) % 97;
	int n = snprintf(buf, 128, "%zu", i);

	if (len < (size_t)n)
		len = (size_t)n;
	memset(buf + n, 'a' + (int)(i % 26), len - (size_t)n);
	buf[len] = '\0';
	return len;
}

static int
fill(struct strpool *p, const char **out)
{
	char buf[128];
	size_t i;
	int bad = 0;

	for (i = 0; i < N; i++) {
		size_t len = make(buf, i);

		out[i] = strpool_add(p, buf, len);
	}
	for (i = 0; i < N; i++) {
		make(buf, i);
		bad += strcmp(out[i], buf) != 0;
	}
	return bad;
}

int
main(void)
{
	struct strpool p = { 0 };
	const char **a = calloc(N, sizeof(*a)), **b = calloc(N, sizeof(*b));
	char *big = malloc(300000);
	const char *s, *empty;
	size_t i;

	is_int(fill(&p, a), 0, "20000 strings of 0-96 bytes all intact");
	memset(big, 'x', 299999);
	big[299999] = '\0';
	s = strpool_add(&p, big, 299999);
	ok(strlen(s) == 299999 && s[0] == 'x', "a string bigger than a chunk");
	empty = strpool_add(&p, "", 0);
	ok(empty != NULL && empty[0] == '\0', "an empty string");
	is_int(fill(&p, b), 0, "earlier strings never move");
	for (i = 0; i < N && strcmp(a[i], b[i]) == 0; i++)
		;
	is_int(i, N, "first batch intact after the second");
	strpool_clear(&p);
	is_int(fill(&p, b), 0, "refilled after a clear");
	ok(b[0] == a[0], "a clear reuses the memory from the first chunk");
	strpool_free(&p);
	ok(p.first == NULL && p.head == NULL, "freed pool is empty");
	is_int(fill(&p, a), 0, "a freed pool can be used again");
	strpool_free(&p);
	/* A string too long for the chunk being filled goes to a new one;
	 * the short ones after it still use the room left behind. */
	{
		const char *s1, *s2, *s3;

		s1 = strpool_add(&p, big, 3000);
		s2 = strpool_add(&p, big, 8000);
		s3 = strpool_add(&p, big + 99500, 499);
		ok(s3 > s1 && s3 < s1 + 4096 && strlen(s3) == 499 &&
		    strlen(s2) == 8000, "room skipped by a long string is used");
		strpool_free(&p);
	}
	free(a);
	free(b);
	free(big);
	return tap_done();
}
