## Tests of db: real SQLite files in temporary directories. Link db + core.
check_PROGRAMS += tests/db/test_db_store
TESTS += tests/db/test_db_store
tests_db_test_db_store_SOURCES = tests/db/test_db_store.c \
	tests/db/synth.c tests/db/synth.h tests/tap.h
tests_db_test_db_store_CPPFLAGS = $(AM_CPPFLAGS) $(SQLITE3_CFLAGS) \
	-I$(top_srcdir)/tests -I$(top_srcdir)/tests/db
tests_db_test_db_store_LDADD = $(DB_LIBS)
check_PROGRAMS += tests/db/test_db_retention
TESTS += tests/db/test_db_retention
tests_db_test_db_retention_SOURCES = tests/db/test_db_retention.c \
	tests/db/synth.c tests/db/synth.h tests/tap.h
tests_db_test_db_retention_CPPFLAGS = $(tests_db_test_db_store_CPPFLAGS)
tests_db_test_db_retention_LDADD = $(DB_LIBS)
TESTS += tests/db/faults.sh
EXTRA_DIST += tests/db/faults.sh
# timeparse is core: its test links core only.
check_PROGRAMS += tests/db/test_timeparse
TESTS += tests/db/test_timeparse
tests_db_test_timeparse_SOURCES = tests/db/test_timeparse.c tests/tap.h
tests_db_test_timeparse_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests
tests_db_test_timeparse_LDADD = $(CORE_LIBS)
check_PROGRAMS += tests/db/test_db_migrate
TESTS += tests/db/test_db_migrate
tests_db_test_db_migrate_SOURCES = tests/db/test_db_migrate.c \
	tests/db/synth.c tests/db/synth.h tests/tap.h
tests_db_test_db_migrate_CPPFLAGS = $(tests_db_test_db_store_CPPFLAGS)
tests_db_test_db_migrate_LDADD = $(DB_LIBS)
EXTRA_DIST += tests/db/fixtures/v1.sql

## Fault tests: the store under crashes, full disks, hostile files and
## concurrent readers (tests/db/fault_*.sh drive the real recorder).
EXTRA_DIST += tests/db/fault_lib.sh
check_PROGRAMS += tests/db/test_fault_open
TESTS += tests/db/test_fault_open
tests_db_test_fault_open_SOURCES = tests/db/test_fault_open.c \
	tests/db/synth.c tests/db/synth.h tests/tap.h
tests_db_test_fault_open_CPPFLAGS = $(tests_db_test_db_store_CPPFLAGS)
tests_db_test_fault_open_LDADD = $(DB_LIBS)
EXTRA_DIST += tests/db/fault_kill9.sh
TESTS += tests/db/fault_kill9.sh
TESTS += tests/db/fault_signal.sh tests/db/fault_writers.sh \
	tests/db/fault_files.sh
EXTRA_DIST += tests/db/fault_signal.sh tests/db/fault_writers.sh \
	tests/db/fault_files.sh
TESTS += tests/db/fault_diskfull.sh tests/db/fault_fsize.sh
EXTRA_DIST += tests/db/fault_diskfull.sh tests/db/fault_fsize.sh
check_PROGRAMS += tests/db/test_fault_reader
TESTS += tests/db/test_fault_reader
tests_db_test_fault_reader_SOURCES = tests/db/test_fault_reader.c \
	tests/db/synth.c tests/db/synth.h tests/tap.h
tests_db_test_fault_reader_CPPFLAGS = $(tests_db_test_db_store_CPPFLAGS)
tests_db_test_fault_reader_LDADD = $(DB_LIBS)
TESTS += tests/db/fault_names.sh
EXTRA_DIST += tests/db/fault_names.sh
check_PROGRAMS += tests/db/test_fault_clock
TESTS += tests/db/test_fault_clock
tests_db_test_fault_clock_SOURCES = tests/db/test_fault_clock.c \
	tests/db/synth.c tests/db/synth.h tests/tap.h
tests_db_test_fault_clock_CPPFLAGS = $(tests_db_test_db_store_CPPFLAGS)
tests_db_test_fault_clock_LDADD = $(DB_LIBS)
check_PROGRAMS += tests/db/test_fault_full
TESTS += tests/db/test_fault_full
tests_db_test_fault_full_SOURCES = tests/db/test_fault_full.c \
	tests/db/synth.c tests/db/synth.h tests/tap.h
tests_db_test_fault_full_CPPFLAGS = $(tests_db_test_db_store_CPPFLAGS)
tests_db_test_fault_full_LDADD = $(DB_LIBS)
check_PROGRAMS += tests/db/test_fault_vfs
TESTS += tests/db/test_fault_vfs
tests_db_test_fault_vfs_SOURCES = tests/db/test_fault_vfs.c \
	tests/db/synth.c tests/db/synth.h tests/tap.h
tests_db_test_fault_vfs_CPPFLAGS = $(tests_db_test_db_store_CPPFLAGS)
tests_db_test_fault_vfs_LDADD = $(DB_LIBS)
check_PROGRAMS += tests/db/test_fault_samefile
TESTS += tests/db/test_fault_samefile
tests_db_test_fault_samefile_SOURCES = tests/db/test_fault_samefile.c \
	tests/db/synth.c tests/db/synth.h tests/tap.h
tests_db_test_fault_samefile_CPPFLAGS = $(tests_db_test_db_store_CPPFLAGS)
tests_db_test_fault_samefile_LDADD = $(DB_LIBS)
check_PROGRAMS += tests/db/test_db_changes
TESTS += tests/db/test_db_changes
tests_db_test_db_changes_SOURCES = tests/db/test_db_changes.c \
	tests/db/synth.c tests/db/synth.h tests/tap.h
tests_db_test_db_changes_CPPFLAGS = $(tests_db_test_db_store_CPPFLAGS)
tests_db_test_db_changes_LDADD = $(DB_LIBS)
check_PROGRAMS += tests/db/test_fault_shm
TESTS += tests/db/test_fault_shm
tests_db_test_fault_shm_SOURCES = tests/db/test_fault_shm.c \
	tests/db/synth.c tests/db/synth.h tests/tap.h
tests_db_test_fault_shm_CPPFLAGS = $(tests_db_test_db_store_CPPFLAGS)
tests_db_test_fault_shm_LDADD = $(DB_LIBS)
TESTS += tests/db/fault_shm.sh
EXTRA_DIST += tests/db/fault_shm.sh
check_PROGRAMS += tests/db/test_fault_walread
TESTS += tests/db/test_fault_walread
tests_db_test_fault_walread_SOURCES = tests/db/test_fault_walread.c \
	tests/db/synth.c tests/db/synth.h tests/tap.h
tests_db_test_fault_walread_CPPFLAGS = $(tests_db_test_db_store_CPPFLAGS)
tests_db_test_fault_walread_LDADD = $(DB_LIBS)
TESTS += tests/db/fault_walgrow.sh
EXTRA_DIST += tests/db/fault_walgrow.sh
check_PROGRAMS += tests/db/test_db_layout
TESTS += tests/db/test_db_layout
tests_db_test_db_layout_SOURCES = tests/db/test_db_layout.c \
	tests/db/synth.c tests/db/synth.h tests/tap.h
tests_db_test_db_layout_CPPFLAGS = $(tests_db_test_db_store_CPPFLAGS)
tests_db_test_db_layout_LDADD = $(DB_LIBS)
EXTRA_DIST += tests/db/fixtures/v2.sql
# fault_migrate.sh kills this helper (the writer's open, which migrates).
check_PROGRAMS += tests/db/migrate_open
tests_db_migrate_open_SOURCES = tests/db/migrate_open.c
tests_db_migrate_open_CPPFLAGS = $(tests_db_test_db_store_CPPFLAGS)
tests_db_migrate_open_LDADD = $(DB_LIBS)
TESTS += tests/db/fault_migrate.sh
EXTRA_DIST += tests/db/fault_migrate.sh
TESTS += tests/db/fault_paths.sh
EXTRA_DIST += tests/db/fault_paths.sh
TESTS += tests/db/fault_flip.sh
EXTRA_DIST += tests/db/fault_flip.sh
check_PROGRAMS += tests/db/test_db_strings
TESTS += tests/db/test_db_strings
tests_db_test_db_strings_SOURCES = tests/db/test_db_strings.c \
	tests/db/synth.c tests/db/synth.h tests/tap.h
tests_db_test_db_strings_CPPFLAGS = $(tests_db_test_db_store_CPPFLAGS)
tests_db_test_db_strings_LDADD = $(DB_LIBS)
EXTRA_DIST += tests/db/fixtures/v4.sql
TESTS += tests/db/fault_check.sh
EXTRA_DIST += tests/db/fault_check.sh
