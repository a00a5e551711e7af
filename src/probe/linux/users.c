/*
 * users.c: a uid -> name cache over getpwuid_r(), kept sorted by uid for a
 * binary search. Depends on libc and core/xalloc.
 */
#include "config.h"

#include "probe/linux/users.h"

#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>

#include "core/rstr.h"
#include "core/xalloc.h"

struct user_ent {
	uid_t uid;
	const char *name; /* an rstr; NULL: no such user */
};

struct users {
	struct user_ent *ent;
	size_t n, cap;
	char *buf; /* getpwuid_r scratch */
	size_t bufsz;
};

struct users *
users_new(void)
{
	return xcalloc(1, sizeof(struct users));
}

void
users_free(struct users *u)
{
	size_t i;

	if (u == NULL)
		return;
	for (i = 0; i < u->n; i++)
		rstr_unref(u->ent[i].name);
	free(u->ent);
	free(u->buf);
	free(u);
}

static const char *
lookup(struct users *u, uid_t uid)
{
	struct passwd pw, *res;
	int r;

	if (u->buf == NULL) {
		u->bufsz = 1024;
		u->buf = xmalloc(u->bufsz);
	}
	for (;;) {
		res = NULL;
		r = getpwuid_r(uid, &pw, u->buf, u->bufsz, &res);
		if (r != ERANGE || u->bufsz >= 1 << 20)
			break;
		u->bufsz *= 2;
		u->buf = xreallocarray(u->buf, u->bufsz, 1);
	}
	if (r != 0 || res == NULL || res->pw_name == NULL)
		return NULL;
	return rstr_new(res->pw_name, strlen(res->pw_name));
}

const char *
users_name(struct users *u, uid_t uid)
{
	size_t lo = 0, hi = u->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (u->ent[mid].uid == uid)
			return u->ent[mid].name;
		if (u->ent[mid].uid < uid)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (u->n == u->cap) {
		u->cap = u->cap ? u->cap * 2 : 16;
		u->ent = xreallocarray(u->ent, u->cap, sizeof(*u->ent));
	}
	memmove(&u->ent[lo + 1], &u->ent[lo], (u->n - lo) * sizeof(*u->ent));
	u->ent[lo].uid = uid;
	u->ent[lo].name = lookup(u, uid);
	u->n++;
	return u->ent[lo].name;
}
