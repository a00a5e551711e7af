/* rw.c: the record writer — named, typed values out as JSON Lines or CSV,
 * one record per line, locale-independent. Depends on core. */
#include "config.h"

#include "report/report.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/xalloc.h"

#define RW_MAXDEPTH 16

struct rw {
	FILE *f;
	enum rw_format fmt;
	int flags;
	struct textbuf rec;     /* the record being built */
	int depth;
	bool first[RW_MAXDEPTH]; /* no value yet at this level */
	bool in_record;
	/* CSV */
	struct textbuf header;   /* column names of the first record */
	struct textbuf prefix;   /* "cpu." while inside rw_obj("cpu") */
	size_t prefix_len[RW_MAXDEPTH];
	bool header_done;
	size_t ncols, want_cols;
};

struct rw *
rw_new(FILE *f, enum rw_format fmt, int flags)
{
	struct rw *w = xcalloc(1, sizeof(*w));

	w->f = f;
	w->fmt = fmt;
	w->flags = flags;
	return w;
}

void
rw_free(struct rw *w)
{
	if (w == NULL)
		return;
	textbuf_free(&w->rec);
	textbuf_free(&w->header);
	textbuf_free(&w->prefix);
	free(w);
}

enum rw_format
rw_format(const struct rw *w)
{
	return w->fmt;
}

void
rw_begin(struct rw *w)
{
	assert(!w->in_record);
	textbuf_clear(&w->rec);
	textbuf_clear(&w->prefix);
	w->in_record = true;
	w->depth = 0;
	w->first[0] = true;
	w->ncols = 0;
	if (w->fmt == RW_JSON)
		textbuf_addc(&w->rec, '{');
}

int
rw_end(struct rw *w)
{
	assert(w->in_record && w->depth == 0);
	w->in_record = false;
	if (w->fmt == RW_JSON)
		textbuf_addc(&w->rec, '}');
	else if (!w->header_done) {
		textbuf_addc(&w->header, '\n');
		if (fwrite(w->header.buf, 1, w->header.len, w->f) !=
		    w->header.len)
			return -1;
		w->header_done = true;
		w->want_cols = w->ncols;
	} else
		assert(w->ncols == w->want_cols);
	textbuf_addc(&w->rec, '\n');
	if (fwrite(w->rec.buf, 1, w->rec.len, w->f) != w->rec.len)
		return -1;
	return 0;
}

int
rw_flush(struct rw *w)
{
	if (fflush(w->f) != 0)
		return -1;
	if (ferror(w->f)) {
		errno = EIO;
		return -1;
	}
	return 0;
}

/* Start a value: separator, then the name (JSON key / CSV header). */
static void
rw_key(struct rw *w, const char *name)
{
	assert(w->in_record);
	if (w->fmt == RW_JSON) {
		if (!w->first[w->depth])
			textbuf_addc(&w->rec, ',');
		w->first[w->depth] = false;
		if (name != NULL) {
			text_json_str(&w->rec, name, strlen(name));
			textbuf_addc(&w->rec, ':');
		}
		return;
	}
	assert(name != NULL);
	if (w->ncols > 0)
		textbuf_addc(&w->rec, ',');
	if (!w->header_done) {
		struct textbuf full = { 0 };

		if (w->ncols > 0)
			textbuf_addc(&w->header, ',');
		textbuf_add(&full, w->prefix.buf ? w->prefix.buf : "",
		    w->prefix.len);
		textbuf_adds(&full, name);
		text_csv_field(&w->header, full.buf, full.len, 0);
		textbuf_free(&full);
	}
	w->ncols++;
}

void
rw_obj(struct rw *w, const char *name)
{
	assert(w->depth + 1 < RW_MAXDEPTH);
	if (w->fmt == RW_JSON) {
		rw_key(w, name);
		textbuf_addc(&w->rec, '{');
	} else {
		assert(name != NULL);
		w->prefix_len[w->depth] = w->prefix.len;
		textbuf_adds(&w->prefix, name);
		textbuf_addc(&w->prefix, '.');
	}
	w->first[++w->depth] = true;
}

void
rw_obj_end(struct rw *w)
{
	assert(w->depth > 0);
	w->depth--;
	if (w->fmt == RW_JSON)
		textbuf_addc(&w->rec, '}');
	else {
		w->prefix.len = w->prefix_len[w->depth];
		w->prefix.buf[w->prefix.len] = '\0';
	}
}

void
rw_arr(struct rw *w, const char *name)
{
	assert(w->fmt == RW_JSON && w->depth + 1 < RW_MAXDEPTH);
	rw_key(w, name);
	textbuf_addc(&w->rec, '[');
	w->first[++w->depth] = true;
}

void
rw_arr_end(struct rw *w)
{
	assert(w->fmt == RW_JSON && w->depth > 0);
	w->depth--;
	textbuf_addc(&w->rec, ']');
}

void
rw_null(struct rw *w, const char *name)
{
	rw_key(w, name);
	if (w->fmt == RW_JSON)
		textbuf_add(&w->rec, "null", 4);
}

void
rw_bool(struct rw *w, const char *name, bool v)
{
	rw_key(w, name);
	textbuf_adds(&w->rec, v ? "true" : "false");
}

void
rw_i64(struct rw *w, const char *name, int64_t v)
{
	rw_key(w, name);
	text_i64(&w->rec, v);
}

void
rw_u64(struct rw *w, const char *name, uint64_t v)
{
	rw_key(w, name);
	text_u64(&w->rec, v);
}

void
rw_double(struct rw *w, const char *name, double v, int prec)
{
	rw_key(w, name);
	if (!text_double(&w->rec, v, prec) && w->fmt == RW_JSON)
		textbuf_add(&w->rec, "null", 4);
}

void
rw_strn(struct rw *w, const char *name, const char *s, size_t len)
{
	rw_key(w, name);
	if (w->fmt == RW_JSON)
		text_json_str(&w->rec, s, len);
	else if (s != NULL && len == 0)
		textbuf_add(&w->rec, "\"\"", 2);
	else if (s != NULL)
		text_csv_field(&w->rec, s, len,
		    (w->flags & RW_CSV_FORMULA_GUARD) ?
		    TEXT_CSV_FORMULA_GUARD : 0);
}

void
rw_str(struct rw *w, const char *name, const char *s)
{
	rw_strn(w, name, s, s != NULL ? strlen(s) : 0);
}
