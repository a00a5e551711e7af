/*
 * strtab.c: interned strings. comm, cmdline, user and device names are
 * stored once in table str and referenced by id; bytes that are valid
 * UTF-8 go in as TEXT, anything else as a BLOB, so every byte round-trips
 * exactly. The writer caches ids in two generations of small hash
 * tables: a string found in the old one is copied to the new one, and
 * when the new one is three quarters full the old one is dropped. What
 * the writer keeps looking up (the strings of live processes) stays
 * cached. A miss asks the database: str.h, a 32-bit keyed hash of the
 * bytes, is indexed, and the candidates of that hash are compared by
 * SQLite. The writer's memory for strings is the cache and nothing else
 * (96 KiB), however many distinct strings a long run meets. Depends on
 * SQLite, core and libbsd.
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
	struct siphash_key k1, k2; /* random per writer: the cache's digest */
	struct siphash_key stored; /* the database's key of str.h */
	struct strslot *gen[2];    /* new, old */
	size_t n;                  /* entries in the new generation */
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

size_t
strcache_bytes(const struct strcache *c)
{
	return c == NULL ? 0 : sizeof(*c) +
	    2 * STRCACHE_SLOTS * sizeof(struct strslot);
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

void
strcache_rollback(struct strcache *c)
{
	/* Ids handed out in the rolled-back transaction do not exist. */
	strcache_clear(c);
}

/* ---- str.h: the stored hash ------------------------------------------- */

static struct siphash_key
key_of(const unsigned char b[16])
{
	struct siphash_key k = { 0, 0 };
	int i;

	for (i = 7; i >= 0; i--) {
		k.k0 = k.k0 << 8 | b[i];
		k.k1 = k.k1 << 8 | b[8 + i];
	}
	return k;
}

/* The low 32 bits of SipHash-2-4 under the database's key, signed (four
 * bytes in a record). Only a filter: candidates are compared byte for
 * byte, so the width costs comparisons, never a wrong id. */
static int64_t
stored_hash(const struct siphash_key *k, const void *s, size_t len)
{
	return (int32_t)(uint32_t)siphash24(k, s, len);
}

/* SQL histop_strhash(s, key): str.h of s under the 16-byte key. For the
 * migration that adds str.h; NULL for a key of the wrong size. */
static void
sql_strhash(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct siphash_key k;

	(void)argc;
	if (sqlite3_value_bytes(argv[1]) != 16 ||
	    sqlite3_value_type(argv[1]) != SQLITE_BLOB) {
		sqlite3_result_null(ctx);
		return;
	}
	k = key_of(sqlite3_value_blob(argv[1]));
	sqlite3_result_int64(ctx, stored_hash(&k, sqlite3_value_blob(argv[0]),
	    (size_t)sqlite3_value_bytes(argv[0])));
}

int
db_strhash_register(struct db *db)
{
	return sqlite3_create_function(db->sql, "histop_strhash", 2,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL,
	    sql_strhash, NULL, NULL);
}

int
db_strtab_load(struct db *db)
{
	sqlite3_stmt *st;
	int rc, n = 0;

	for (;;) {
		rc = sqlite3_prepare_v2(db->sql, "SELECT value FROM meta WHERE "
		    "key = 'str_key'", -1, &st, NULL);
		if (rc != SQLITE_OK)
			return db_sqlfail(db, rc, "load string key"), -1;
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) ==
		    SQLITE_BLOB && sqlite3_column_bytes(st, 0) == 16) {
			db->strs->stored = key_of(sqlite3_column_blob(st, 0));
			sqlite3_finalize(st);
			return 0;
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return db_sqlfail(db, rc, "load string key"), -1;
		/*
		 * No usable key (someone edited meta): a new one, and every
		 * stored string hashed under it, in one transaction.
		 */
		if (n++ > 0)
			return db_fail(db, DB_ERR_INTERNAL, "%s: cannot set "
			    "the string key", db->path), -1;
		rc = db_exec(db, "BEGIN IMMEDIATE");
		if (rc == SQLITE_OK)
			rc = db_exec(db, DB_STRHASH_FILL);
		if (rc == SQLITE_OK)
			rc = db_exec(db, "COMMIT");
		if (rc != SQLITE_OK) {
			db_sqlfail(db, rc, "hash strings");
			db_exec(db, "ROLLBACK");
			return -1;
		}
	}
}

/* ---- interning ---------------------------------------------------------- */

static void
bind_str(sqlite3_stmt *st, int idx, const char *s, size_t len)
{
	if (utf8_valid(s, len))
		sqlite3_bind_text(st, idx, s, (int)len, SQLITE_STATIC);
	else
		sqlite3_bind_blob(st, idx, s, (int)len, SQLITE_STATIC);
}

/* Run st (bound to h and s) for an id; 0: none, -1: error. */
static int64_t
step_id(struct db *db, sqlite3_stmt *st, const char *what)
{
	int64_t id = 0;
	int rc;

	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_sqlfail(db, rc, what);
		return -1;
	}
	return id;
}

static int64_t
intern(struct db *db, const char *s, size_t len)
{
	struct strcache *c = db->strs;
	uint64_t h1 = siphash24(&c->k1, s, len), h2 = siphash24(&c->k2, s, len);
	int64_t h = stored_hash(&c->stored, s, len);
	struct strslot *e;
	sqlite3_stmt *st;
	int64_t id;

	e = strslot_find(c->gen[0], h1, h2);
	if (e->id != 0)
		return e->id;
	e = strslot_find(c->gen[1], h1, h2);
	if (e->id != 0) {
		id = e->id;
		strcache_put(c, h1, h2, id);
		return id;
	}
	/* TEXT never equals a BLOB: s is bound as it would be stored. */
	st = db->st[ST_STR_GET];
	sqlite3_bind_int64(st, 1, h);
	bind_str(st, 2, s, len);
	id = step_id(db, st, "find string");
	if (id < 0)
		return 0;
	if (id == 0) {
		st = db->st[ST_STR_ADD];
		sqlite3_bind_int64(st, 1, h);
		bind_str(st, 2, s, len);
		if (step_id(db, st, "store string") < 0)
			return 0;
		id = sqlite3_last_insert_rowid(db->sql);
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

size_t
db_string_cache_bytes(const struct db *db)
{
	return strcache_bytes(db->strs);
}
