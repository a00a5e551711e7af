## Tests of probe.
EXTRA_DIST += tests/probe/fixtures
## System areas (Linux backend): parsers, fixture trees, the real /proc.
if PROBE_LINUX
probe_sys_tests = tests/probe/test_linux_parse \
	tests/probe/test_linux_fixtures tests/probe/test_linux_live
check_PROGRAMS += $(probe_sys_tests)
TESTS += $(probe_sys_tests)
tests_probe_test_linux_parse_LDADD = $(PROBE_LIBS)
tests_probe_test_linux_fixtures_LDADD = $(PROBE_LIBS)
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
## The POSIX fallback builds everywhere; its test runs everywhere.
check_PROGRAMS += tests/probe/test_posix
TESTS += tests/probe/test_posix
tests_probe_test_posix_LDADD = $(PROBE_LIBS)
## libFuzzer targets: not built by make; tests/fuzz/run.sh builds and runs them.
EXTRA_DIST += tests/fuzz/run.sh tests/fuzz/fuzz.h \
	tests/fuzz/fuzz_proc_stat.c tests/fuzz/fuzz_meminfo.c \
	tests/fuzz/fuzz_loadavg.c tests/fuzz/fuzz_mountinfo.c \
	tests/fuzz/fuzz_diskstats.c tests/fuzz/fuzz_net_dev.c \
	tests/fuzz/fuzz_psi.c tests/fuzz/fuzz_cgroup.c
EXTRA_DIST += tests/fuzz/fuzz_proc_pid_stat.c tests/fuzz/fuzz_proc_pid_status.c \
	tests/fuzz/fuzz_proc_pid_statm.c tests/fuzz/fuzz_proc_pid_io.c \
	tests/fuzz/fuzz_proc_pid_cmdline.c tests/fuzz/fuzz_proc_pid_cgroup.c \
	tests/fuzz/fuzz_proc_pid_limits.c
## The sampling engine in slices (src/engine.c over libprobe).
if PROBE_LINUX
check_PROGRAMS += tests/probe/test_engine
TESTS += tests/probe/test_engine
tests_probe_test_engine_SOURCES = tests/probe/test_engine.c src/engine.c \
	src/engine.h tests/tap.h
tests_probe_test_engine_LDADD = $(PROBE_LIBS)
endif
check_PROGRAMS += tests/probe/test_proc_threads
TESTS += tests/probe/test_proc_threads
tests_probe_test_proc_threads_SOURCES = tests/probe/test_proc_threads.c tests/tap.h
tests_probe_test_proc_threads_LDADD = $(PROBE_LIBS)
