/*
 * i18n.h: gettext wrappers for user-visible messages. Depends on libintl
 * (part of glibc) when NLS is enabled, on nothing otherwise.
 *
 *   _("text")   translate now
 *   N_("text")  mark for translation, translate where it is used
 *
 * main() calls setlocale(LC_ALL, "") and i18n_init() once. Never set
 * LC_NUMERIC separately: numbers that leave the program (JSON, CSV) are
 * formatted locale-independently by core/text.h, and /proc is parsed with
 * integer parsers, so a ',' decimal locale cannot corrupt either.
 * Include after config.h.
 */
#ifndef HISTOP_CORE_I18N_H
#define HISTOP_CORE_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#define i18n_init() \
	((void)bindtextdomain(PACKAGE, LOCALEDIR), (void)textdomain(PACKAGE))
#else
#define _(s) (s)
#define i18n_init() ((void)0)
#endif
#define N_(s) s

#endif
