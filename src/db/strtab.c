/*
 * strtab.c: interned strings. comm, cmdline, user and device names are
 * stored once in table str and referenced by id; bytes that are valid
 * UTF-8 go in as TEXT, anything else as a BLOB, so every byte round-trips
 * exactly. The writer caches ids in two generations of small hash
 * tables: a string found in the old one is copied to the new one, and
 * when the new one is three quarters full the old one is dropped. What
 * the writer keeps looking up (the strings of live processes) stays
 * cached, and the memory stays fixed (96 KiB) however many distinct
 * strings a long run meets. Depends on SQLite, core and libbsd.
 */
#include "config.h"

#include "db/db_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/siphash.h"
#include "core/xalloc.h"

/*
 * A slot holds a string's 128-bit digest (SipHash-2-4 under two random
 * keys), not the string: two strings share a digest with probability
 * 2^-128, and nobody can aim for it without the keys.
 */
struct strslot {
	uint64_t h1, h2;
	int64_t id; /* 0: empty */
};

/* Slots of one generation (a power of two), filled to 3/4 at most. */
#define STRCACHE_SLOTS 2048

struct strcache {
	struct siphash_key k1, k2;
	struct strslot *gen[2]; /* new, old */
	size_t n;               /* entries in the new generation */
};

struct strcache *
strcache_new(void)
{
	struct strcache *c = xcalloc(1, sizeof(*c));

	arc4random_buf(&c->k1, sizeof(c->k1));
	arc4random_buf(&c->k2, sizeof(c->k2));
	c->gen[0] = xcalloc(STRCACHE_SLOTS, sizeof(struct strslot));
	c->gen[1] = xcalloc(STRCACHE_SLOTS, sizeof(struct strslot));
	return c;
}

void
strcache_clear(struct strcache *c)
{
	if (c == NULL)
		return;
	memset(c->gen[0], 0, STRCACHE_SLOTS * sizeof(struct strslot));
	memset(c->gen[1], 0, STRCACHE_SLOTS * sizeof(struct strslot));
	c->n = 0;
}

void
strcache_free(struct strcache *c)
{
	if (c == NULL)
		return;
	free(c->gen[0]);
	free(c->gen[1]);
	free(c);
}

/* The slot of (h1, h2) in table t, or the empty one where it would go. */
static struct strslot *
strslot_find(struct strslot *t, uint64_t h1, uint64_t h2)
{
	size_t i = (size_t)h1 & (STRCACHE_SLOTS - 1);

	while (t[i].id != 0 && (t[i].h1 != h1 || t[i].h2 != h2))
		i = (i + 1) & (STRCACHE_SLOTS - 1);
	return &t[i];
}

/* Enter (h1, h2) -> id in the new generation, retiring the old one
 * first if the new one is full. */
static void
strcache_put(struct strcache *c, uint64_t h1, uint64_t h2, int64_t id)
{
	struct strslot *e;

	if (c->n >= STRCACHE_SLOTS / 4 * 3) {
		struct strslot *t = c->gen[1];

		c->gen[1] = c->gen[0];
		c->gen[0] = t;
		memset(t, 0, STRCACHE_SLOTS * sizeof(*t));
		c->n = 0;
	}
	e = strslot_find(c->gen[0], h1, h2);
	if (e->id == 0)
		c->n++;
	e->h1 = h1;
	e->h2 = h2;
	e->id = id;
}

/* FNV-1a, 64 bits: the index key of a string (collisions only cost a
 * comparison). */
static int64_t
str_hash(const char *s, size_t len)
{
	uint64_t h = UINT64_C(14695981039346656037);
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= UINT64_C(1099511628211);
	}
	return (int64_t)h;
}

static void
bind_str(sqlite3_stmt *st, int idx, const char *s, size_t len)
{
	if (utf8_valid(s, len))
		sqlite3_bind_text(st, idx, s, (int)len, SQLITE_STATIC);
	else
		sqlite3_bind_blob(st, idx, s, (int)len, SQLITE_STATIC);
}

int64_t
db_intern(struct db *db, const char *s, size_t len)
{
	struct strcache *c = db->strs;
	uint64_t h1 = siphash24(&c->k1, s, len), h2 = siphash24(&c->k2, s, len);
	struct strslot *e;
	sqlite3_stmt *st;
	int64_t id = 0;
	int rc;

	e = strslot_find(c->gen[0], h1, h2);
	if (e->id != 0)
		return e->id;
	e = strslot_find(c->gen[1], h1, h2);
	if (e->id != 0) {
		id = e->id;
		strcache_put(c, h1, h2, id);
		return id;
	}
	st = db->st[ST_STR_FIND];
	sqlite3_bind_int64(st, 1, str_hash(s, len));
	bind_str(st, 2, s, len);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_sqlfail(db, rc, "find string");
		return 0;
	}
	if (id == 0) {
		st = db->st[ST_STR_ADD];
		sqlite3_bind_int64(st, 1, str_hash(s, len));
		bind_str(st, 2, s, len);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			db_sqlfail(db, rc, "store string");
			return 0;
		}
		id = sqlite3_last_insert_rowid(db->sql);
	}
	strcache_put(c, h1, h2, id);
	return id;
}
