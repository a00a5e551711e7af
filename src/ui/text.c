/*
 * text.c: untrusted text (process names, command lines, user, cgroup and
 * interface names) made safe for the terminal through core's one
 * sanitiser (core/text.h): C0, DEL, C1 and invalid UTF-8 come out escaped,
 * wide characters are never split, and the result never exceeds the
 * column budget. Depends on core.
 */
#include "config.h"

#include "ui/ui_int.h"

#include "core/text.h"

int
ui_text(char *dst, size_t dstlen, const char *src, size_t len, int maxcols,
    bool utf8)
{
	int cols = 0;

	if (dstlen == 0)
		return 0;
	if (maxcols < 0)
		maxcols = 0;
	text_sanitize(dst, dstlen, src, len, maxcols, utf8 ? 0 : TEXT_ASCII,
	    &cols);
	return cols;
}
