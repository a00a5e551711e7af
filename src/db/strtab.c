/*
 * strtab.c: interned strings. comm, cmdline, user and device names are
 * stored once in table str and referenced by id; bytes that are valid
 * UTF-8 go in as TEXT, anything else as a BLOB, so every byte round-trips
 * exactly. The writer caches ids in two generations of small hash
 * tables: a string found in the old one is copied to the new one, and
 * when the new one is three quarters full the old one is dropped. What
 * the writer keeps looking up (the strings of live processes) stays
 * cached, and the memory stays fixed (96 KiB) however many distinct
 * strings a long run meets. Behind that cache, the table has no index
 * (it cost a quarter of a small database): the writer keeps a 32-bit
 * hash of every stored string (16 bytes each, loaded at open) and
 * compares candidates by id. Depends on SQLite, core and libbsd.
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

/* Every stored string's hash: chained, entries in insertion order so
 * the ones of a rolled-back transaction are popped from the end. */
struct strhent {
	uint32_t h;
	uint32_t next;          /* index + 1 of the next in the chain; 0: end */
	int64_t id;
};

struct strcache {
	struct siphash_key k1, k2;
	struct strslot *gen[2]; /* new, old */
	size_t n;               /* entries in the new generation */
	struct strhent *ent;    /* every stored string */
	size_t nent, cap, mark; /* mark: entries committed */
	uint32_t *bucket;       /* index + 1 of the chain's head; 0: empty */
	size_t nbucket;         /* a power of two */
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
	free(c->ent);
	free(c->bucket);
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

static int64_t
intern(struct db *db, const char *s, size_t len)
{
	struct strcache *c = db->strs;
	uint64_t h1 = siphash24(&c->k1, s, len), h2 = siphash24(&c->k2, s, len);
	struct strslot *e;
	sqlite3_stmt *st;
	int64_t id = 0;
	uint32_t hs;
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
	hs = str_hash(s, len);
	id = find_stored(db, hs, s, len);
	if (id < 0)
		return 0;
	if (id == 0) {
		st = db->st[ST_STR_ADD];
		bind_str(st, 1, s, len);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			db_sqlfail(db, rc, "store string");
			return 0;
		}
		id = sqlite3_last_insert_rowid(db->sql);
		hash_add(c, hs, id);
	}
	strcache_put(c, h1, h2, id);
	return id;
}

int64_t
db_intern(struct db *db, const char *s, size_t len)
{
	int64_t id = intern(db, s, len);

	/* In use again while retention looks for unused strings. */
	db_sweep_mark(db, id);
	return id;
}

void
strcache_reset(struct db *db)
{
	struct strcache *c = db->strs;

	strcache_clear(c);
	c->nent = c->mark = 0;
	if (c->bucket != NULL)
		memset(c->bucket, 0, c->nbucket * sizeof(*c->bucket));
	/* On failure a string not found is stored again: never wrong. */
	(void)db_strtab_load(db);
}
