## Tests of report: link libreport (and core) only.
check_PROGRAMS += tests/report/test_report tests/report/report_dump
TESTS += tests/report/test_report
tests_report_test_report_SOURCES = tests/report/test_report.c \
	tests/report/fixture.h tests/tap.h
tests_report_test_report_LDADD = $(REPORT_LIBS)
tests_report_report_dump_SOURCES = tests/report/report_dump.c \
	tests/report/fixture.h
tests_report_report_dump_LDADD = $(REPORT_LIBS)
TESTS += tests/report/report_formats.sh tests/report/cli_options.sh \
	tests/report/batch_fixtures.sh tests/report/batch_live.sh \
	tests/report/batch_errors.sh tests/report/doc_check.sh \
	tests/report/batch_rates.sh tests/report/batch_valgrind.sh
EXTRA_DIST += tests/report/report_formats.sh tests/report/cli_options.sh \
	tests/report/batch_fixtures.sh tests/report/batch_live.sh \
	tests/report/batch_errors.sh tests/report/doc_check.sh \
	tests/report/batch_rates.sh tests/report/batch_valgrind.sh
