## Benchmarks: built on demand (make bench), never run by make check.
EXTRA_PROGRAMS =
if PROBE_LINUX
EXTRA_PROGRAMS += bench/bench_probe
bench_bench_probe_SOURCES = bench/bench_probe.c
bench_bench_probe_LDADD = $(PROBE_LIBS)
endif
EXTRA_DIST += bench/bench_probe.sh
CLEANFILES += $(EXTRA_PROGRAMS)

bench: $(EXTRA_PROGRAMS)
.PHONY: bench
