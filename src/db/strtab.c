/*
 * strtab.c: interned strings. comm, cmdline, user and device names are
 * stored once in table str and referenced by id; bytes that are valid
 * UTF-8 go in as TEXT, anything else as a BLOB, so every byte round-trips
 * exactly. The writer caches ids in two generations of red-black trees:
 * a string found in the old one moves to the new one, and when the new
 * one is full the old one is dropped. What the writer keeps looking up
 * (the strings of live processes) stays cached, and the memory stays
 * bounded however many distinct strings a long run meets. The table has
 * no index (it cost a quarter of a small database): the writer keeps a
 * 32-bit hash of every stored string (16 bytes each, loaded at open) and
 * compares candidates by id. Depends on SQLite, core and libbsd.
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

/* Every stored string's hash: chained, entries in insertion order so
 * the ones of a rolled-back transaction are popped from the end. */
struct strhent {
	uint32_t h;
	uint32_t next;          /* index + 1 of the next in the chain; 0: end */
	int64_t id;
};

struct strcache {
	struct strtree gen[2]; /* new, old */
	size_t n;              /* entries in the new generation */
	struct strhent *ent;
	size_t nent, cap, mark; /* mark: entries committed */
	uint32_t *bucket;      /* index + 1 of the chain's head; 0: empty */
	size_t nbucket;        /* a power of two */
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
	if (c == NULL)
		return;
	strcache_clear(c);
	free(c->ent);
	free(c->bucket);
	free(c);
}

/* FNV-1a, 32 bits (collisions only cost a comparison). */
static uint32_t
str_hash(const char *s, size_t len)
{
	uint32_t h = UINT32_C(2166136261);
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= UINT32_C(16777619);
	}
	return h;
}

static void
hash_link(struct strcache *c, size_t i)
{
	uint32_t *b = &c->bucket[c->ent[i].h & (c->nbucket - 1)];

	c->ent[i].next = *b;
	*b = (uint32_t)(i + 1);
}

static void
hash_add(struct strcache *c, uint32_t h, int64_t id)
{
	size_t i;

	if (c->nent + 1 > c->nbucket) {
		c->nbucket = c->nbucket == 0 ? 1024 : c->nbucket * 2;
		free(c->bucket);
		c->bucket = xcalloc(c->nbucket, sizeof(*c->bucket));
		for (i = 0; i < c->nent; i++)
			hash_link(c, i);
	}
	c->ent = xgrow(c->ent, &c->cap, c->nent, sizeof(*c->ent));
	c->ent[c->nent].h = h;
	c->ent[c->nent].id = id;
	hash_link(c, c->nent++);
}

void
strcache_commit(struct strcache *c)
{
	c->mark = c->nent;
}

void
strcache_rollback(struct strcache *c)
{
	/* Each popped entry is the head of its chain (pushed last). */
	while (c->nent > c->mark) {
		struct strhent *e = &c->ent[--c->nent];

		c->bucket[e->h & (c->nbucket - 1)] = e->next;
	}
	strcache_clear(c);
}

int
db_strtab_load(struct db *db)
{
	struct strcache *c = db->strs;
	sqlite3_stmt *st;
	int rc;

	rc = sqlite3_prepare_v2(db->sql, "SELECT id, s FROM str", -1, &st,
	    NULL);
	if (rc != SQLITE_OK)
		return db_sqlfail(db, rc, "load strings"), -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		hash_add(c, str_hash(sqlite3_column_blob(st, 1),
		    (size_t)sqlite3_column_bytes(st, 1)),
		    sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_sqlfail(db, rc, "load strings"), -1;
	strcache_commit(c);
	return 0;
}

/* The id of the stored string equal to s, 0 if none, -1 on error. */
static int64_t
find_stored(struct db *db, uint32_t h, const char *s, size_t len)
{
	struct strcache *c = db->strs;
	sqlite3_stmt *st = db->st[ST_STR_GET];
	uint32_t i;
	int rc;

	if (c->nbucket == 0)
		return 0;
	for (i = c->bucket[h & (c->nbucket - 1)]; i != 0;
	    i = c->ent[i - 1].next) {
		const struct strhent *e = &c->ent[i - 1];
		bool same;

		if (e->h != h)
			continue;
		sqlite3_bind_int64(st, 1, e->id);
		rc = sqlite3_step(st);
		same = rc == SQLITE_ROW &&
		    (size_t)sqlite3_column_bytes(st, 0) == len &&
		    (len == 0 || memcmp(sqlite3_column_blob(st, 0), s,
		    len) == 0);
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			db_sqlfail(db, rc, "find string");
			return -1;
		}
		if (same)
			return e->id;
	}
	return 0;
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
	int64_t id;
	uint32_t h;
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
	h = str_hash(s, len);
	id = find_stored(db, h, s, len);
	if (id < 0) {
		free(key);
		return 0;
	}
	if (id == 0) {
		st = db->st[ST_STR_ADD];
		bind_str(st, 1, s, len);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			db_sqlfail(db, rc, "store string");
			free(key);
			return 0;
		}
		id = sqlite3_last_insert_rowid(db->sql);
		hash_add(c, h, id);
	}
	key->id = id;
	strcache_put(c, key);
	return id;
}
