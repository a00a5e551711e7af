## Benchmarks: built on demand (make bench), never run by make check.
EXTRA_PROGRAMS =
if PROBE_LINUX
EXTRA_PROGRAMS += bench/bench_probe
bench_bench_probe_SOURCES = bench/bench_probe.c
bench_bench_probe_LDADD = $(PROBE_LIBS)
endif
EXTRA_DIST += bench/bench_probe.sh bench/bench_ui.sh bench/README.md \
	bench/bench_lib.sh \
	bench/bench_input.sh bench/bench_mem.sh
CLEANFILES += $(EXTRA_PROGRAMS)

bench: $(EXTRA_PROGRAMS)
.PHONY: bench

EXTRA_PROGRAMS += bench/bench_report
bench_bench_report_SOURCES = bench/bench_report.c
bench_bench_report_LDADD = $(REPORT_LIBS)

# Time travel (issue 5): step, jump and graph cost against history length.
EXTRA_PROGRAMS += bench/bench_timetravel
bench_bench_timetravel_SOURCES = bench/bench_timetravel.c \
	tests/timetravel/synth.c tests/timetravel/synth.h
bench_bench_timetravel_LDADD = $(UI_LIBS) $(CORE_LIBS)
bench: bench/bench_timetravel$(EXEEXT)

# The history store (issue 3): reader speed on a generated day.
EXTRA_PROGRAMS += bench/bench_db
bench_bench_db_SOURCES = bench/bench_db.c tests/db/synth.c tests/db/synth.h
bench_bench_db_CPPFLAGS = $(AM_CPPFLAGS) $(SQLITE3_CFLAGS) -I$(top_srcdir)/tests/db
bench_bench_db_LDADD = $(DB_LIBS)
bench: bench/bench_db$(EXEEXT)
EXTRA_DIST += bench/bench_db_atop.sh
EXTRA_DIST += bench/bench_timetravel.sh
