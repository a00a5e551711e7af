## Benchmarks: built on demand (make bench), never run by make check.
EXTRA_PROGRAMS =
# Time travel (issue 5): step, jump and graph cost against history length.
EXTRA_PROGRAMS += bench/bench_timetravel
bench_bench_timetravel_SOURCES = bench/bench_timetravel.c \
	tests/timetravel/synth.c tests/timetravel/synth.h
bench_bench_timetravel_LDADD = $(UI_LIBS) $(CORE_LIBS)
CLEANFILES += bench/bench_timetravel$(EXEEXT)
bench: bench/bench_timetravel$(EXEEXT)
.PHONY: bench
