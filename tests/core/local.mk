## Tests of libcore: link libcore only.
check_PROGRAMS += tests/core/test_snapshot
TESTS += tests/core/test_snapshot
tests_core_test_snapshot_SOURCES = tests/core/test_snapshot.c tests/tap.h
tests_core_test_snapshot_LDADD = $(CORE_LIBS)

check_PROGRAMS += tests/core/test_text
TESTS += tests/core/test_text
tests_core_test_text_SOURCES = tests/core/test_text.c tests/tap.h
tests_core_test_text_LDADD = $(CORE_LIBS)

check_PROGRAMS += tests/core/test_snapdiff
TESTS += tests/core/test_snapdiff
tests_core_test_snapdiff_SOURCES = tests/core/test_snapdiff.c tests/tap.h
tests_core_test_snapdiff_LDADD = $(CORE_LIBS)

check_PROGRAMS += tests/core/test_text_props
TESTS += tests/core/test_text_props
tests_core_test_text_props_SOURCES = tests/core/test_text_props.c \
	tests/core/text_props.h tests/tap.h
tests_core_test_text_props_LDADD = $(CORE_LIBS)
EXTRA_DIST += tests/fuzz/fuzz_text.c

check_PROGRAMS += tests/core/test_siphash
TESTS += tests/core/test_siphash
tests_core_test_siphash_SOURCES = tests/core/test_siphash.c tests/tap.h
tests_core_test_siphash_LDADD = $(CORE_LIBS)

check_PROGRAMS += tests/core/test_strpool
TESTS += tests/core/test_strpool
tests_core_test_strpool_SOURCES = tests/core/test_strpool.c tests/tap.h
tests_core_test_strpool_LDADD = $(CORE_LIBS)
