## Benchmarks: built on demand (make bench), never run by make check.
EXTRA_PROGRAMS =
if PROBE_LINUX
EXTRA_PROGRAMS += bench/bench_probe
bench_bench_probe_SOURCES = bench/bench_probe.c
bench_bench_probe_LDADD = $(PROBE_LIBS)
endif
EXTRA_DIST += bench/bench_probe.sh bench/bench_ui.sh bench/README.md
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
EXTRA_DIST += bench/bench_timetravel.sh

# History store (issue 3): reader API speed on a generated day, and storage
# and CPU per sample against atop (bench_db_atop.sh runs the real recorder).
EXTRA_PROGRAMS += bench/bench_db_reader
bench_bench_db_reader_SOURCES = bench/bench_db_reader.c \
	tests/db/synth.c tests/db/synth.h
bench_bench_db_reader_CPPFLAGS = $(AM_CPPFLAGS) $(SQLITE3_CFLAGS) \
	-I$(top_srcdir)/tests/db
bench_bench_db_reader_LDADD = $(DB_LIBS)
EXTRA_DIST += bench/bench_db_atop.sh
