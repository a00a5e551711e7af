## Tests of probe.
EXTRA_DIST += tests/probe/fixtures
if PROBE_LINUX
check_PROGRAMS += tests/probe/test_linux_parse
TESTS += tests/probe/test_linux_parse
tests_probe_test_linux_parse_SOURCES = tests/probe/test_linux_parse.c tests/tap.h
tests_probe_test_linux_parse_LDADD = $(PROBE_LIBS)
endif
if PROBE_LINUX
check_PROGRAMS += tests/probe/test_linux_fixtures
TESTS += tests/probe/test_linux_fixtures
tests_probe_test_linux_fixtures_SOURCES = tests/probe/test_linux_fixtures.c tests/tap.h
tests_probe_test_linux_fixtures_LDADD = $(PROBE_LIBS)
endif
if PROBE_LINUX
check_PROGRAMS += tests/probe/test_linux_live
TESTS += tests/probe/test_linux_live
tests_probe_test_linux_live_SOURCES = tests/probe/test_linux_live.c tests/tap.h
tests_probe_test_linux_live_LDADD = $(PROBE_LIBS)
endif
## Process reader (Linux backend): parsers, fixture trees, the real /proc.
if PROBE_LINUX
check_PROGRAMS += tests/probe/test_proc_parse
TESTS += tests/probe/test_proc_parse
tests_probe_test_proc_parse_SOURCES = tests/probe/test_proc_parse.c tests/tap.h
tests_probe_test_proc_parse_LDADD = $(PROBE_LIBS)
endif
if PROBE_LINUX
check_PROGRAMS += tests/probe/test_proc_fixture
TESTS += tests/probe/test_proc_fixture
tests_probe_test_proc_fixture_SOURCES = tests/probe/test_proc_fixture.c tests/tap.h
tests_probe_test_proc_fixture_LDADD = $(PROBE_LIBS)
endif
if PROBE_LINUX
check_PROGRAMS += tests/probe/test_proc_real
TESTS += tests/probe/test_proc_real
tests_probe_test_proc_real_SOURCES = tests/probe/test_proc_real.c tests/tap.h
tests_probe_test_proc_real_LDADD = $(PROBE_LIBS)
endif
