/*
 * strtab.c: interned strings. comm, cmdline, user and device names are
 * stored once in table str and referenced by id; bytes that are valid
 * UTF-8 go in as TEXT, anything else as a BLOB, so every byte round-trips
 * exactly. The writer caches ids in two generations of red-black trees:
 * a string found in the old one moves to the new one, and when the new
 * one is full the old one is dropped. What the writer keeps looking up
 * (the strings of live processes) stays cached, and the memory stays
 * bounded however many distinct strings a long run meets. Depends on
 * SQLite, core and libbsd.
 */
#include "config.h"

#include "db/db_int.h"

#include <stdlib.h>
#include <string.h>
#include <sys/tree.h>

#include "core/xalloc.h"

struct strent {
	RB_ENTRY(strent) link;
	size_t len;
	int64_t id;
	char s[];
};

static int
strent_cmp(struct strent *a, struct strent *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->s, b->s, n);

	if (c != 0)
		return c;
	return (a->len > b->len) - (a->len < b->len);
}

RB_HEAD(strtree, strent);
RB_PROTOTYPE(strtree, strent, link, strent_cmp)
RB_GENERATE(strtree, strent, link, strent_cmp)

/* Entries of one generation: the cache holds at most twice this. */
#define STRCACHE_GEN 2048

struct strcache {
	struct strtree gen[2]; /* new, old */
	size_t n;              /* entries in the new generation */
};

struct strcache *
strcache_new(void)
{
	struct strcache *c = xcalloc(1, sizeof(*c));

	RB_INIT(&c->gen[0]);
	RB_INIT(&c->gen[1]);
	return c;
}

static void
strtree_free(struct strtree *t)
{
	struct strent *e, *next;

	RB_FOREACH_SAFE(e, strtree, t, next) {
		RB_REMOVE(strtree, t, e);
		free(e);
	}
}

void
strcache_clear(struct strcache *c)
{
	if (c == NULL)
		return;
	strtree_free(&c->gen[0]);
	strtree_free(&c->gen[1]);
	c->n = 0;
}

/* Enter e in the new generation, retiring it first if it is full. */
static void
strcache_put(struct strcache *c, struct strent *e)
{
	if (c->n >= STRCACHE_GEN) {
		strtree_free(&c->gen[1]);
		c->gen[1] = c->gen[0];
		RB_INIT(&c->gen[0]);
		c->n = 0;
	}
	RB_INSERT(strtree, &c->gen[0], e);
	c->n++;
}

void
strcache_free(struct strcache *c)
{
	strcache_clear(c);
	free(c);
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
	struct strent *key, *e;
	sqlite3_stmt *st;
	int64_t id = 0;
	int rc;

	key = xmalloc(sizeof(*key) + len);
	key->len = len;
	memcpy(key->s, s, len);
	e = RB_FIND(strtree, &c->gen[0], key);
	if (e == NULL && (e = RB_FIND(strtree, &c->gen[1], key)) != NULL) {
		RB_REMOVE(strtree, &c->gen[1], e);
		strcache_put(c, e);
	}
	if (e != NULL) {
		free(key);
		return e->id;
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
		free(key);
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
			free(key);
			return 0;
		}
		id = sqlite3_last_insert_rowid(db->sql);
	}
	key->id = id;
	strcache_put(c, key);
	return id;
}
