## libdb.a: the SQLite history store. May use core only.
noinst_LIBRARIES += libdb.a
libdb_a_SOURCES = \
	src/db/db.h src/db/db_int.h \
	src/db/db.c \
	src/db/lock.c \
	src/db/schema.c \
	src/db/strtab.c \
	src/db/writer.c \
	src/db/reader.c \
	src/db/series.c \
	src/db/retention.c
libdb_a_CPPFLAGS = $(AM_CPPFLAGS) $(SQLITE3_CFLAGS)
DB_LIBS = libdb.a $(SQLITE3_LIBS) $(CORE_LIBS)
dist_man_MANS += man/histop-db.5
EXTRA_DIST += contrib/histop-record.service
