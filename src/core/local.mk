## libcore.a: snapshot types, time, memory and text helpers (libc/libbsd only).
noinst_LIBRARIES += libcore.a
libcore_a_SOURCES = \
	src/core/clock.c src/core/clock.h \
	src/core/paths.c src/core/paths.h \
	src/core/timeparse.c src/core/timeparse.h \
	src/core/snapshot.c src/core/snapshot.h \
	src/core/strpool.c src/core/strpool.h \
	src/core/text.c src/core/text.h src/core/i18n.h \
	src/core/xalloc.c src/core/xalloc.h
# Keyed hash for the store's change detection.
libcore_a_SOURCES += src/core/siphash.c src/core/siphash.h
# What changed between two snapshots (issue 5).
libcore_a_SOURCES += src/core/snapdiff.c src/core/snapdiff.h
CORE_LIBS = libcore.a $(LIBBSD_LIBS)
# Reference-counted strings shared by the probe's cache and snapshots.
libcore_a_SOURCES += src/core/rstr.c src/core/rstr.h
