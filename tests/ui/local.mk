## Tests of ui.
# History widgets (issue 5): pure, so they link libui and core only.
check_PROGRAMS += tests/ui/test_graph tests/ui/test_timeline
TESTS += tests/ui/test_graph tests/ui/test_timeline
tests_ui_test_graph_SOURCES = tests/ui/test_graph.c tests/tap.h
tests_ui_test_graph_LDADD = libui.a $(CORE_LIBS)
tests_ui_test_timeline_SOURCES = tests/ui/test_timeline.c tests/tap.h
tests_ui_test_timeline_LDADD = libui.a $(CORE_LIBS)
# The live UI (issue 4): a fixture program running the UI on synthetic
# snapshots (no probe needed), unit tests, tmux-driven terminal tests.
check_PROGRAMS += tests/ui/ui_fixture
tests_ui_ui_fixture_SOURCES = tests/ui/ui_fixture.c tests/ui/synth.c \
	tests/ui/synth.h
tests_ui_ui_fixture_LDADD = $(UI_LIBS) $(CORE_LIBS)
UI_TEST_LIBS = $(UI_LIBS) $(CORE_LIBS)
check_PROGRAMS += tests/ui/test_ui_format tests/ui/test_ui_layout \
	tests/ui/test_ui_keys tests/ui/test_ui_proctab tests/ui/test_ui_config
TESTS += tests/ui/test_ui_format tests/ui/test_ui_layout \
	tests/ui/test_ui_keys tests/ui/test_ui_proctab tests/ui/test_ui_config
tests_ui_test_ui_format_SOURCES = tests/ui/test_ui_format.c tests/tap.h
tests_ui_test_ui_format_LDADD = $(UI_TEST_LIBS)
tests_ui_test_ui_layout_SOURCES = tests/ui/test_ui_layout.c tests/tap.h
tests_ui_test_ui_layout_LDADD = $(UI_TEST_LIBS)
tests_ui_test_ui_keys_SOURCES = tests/ui/test_ui_keys.c tests/tap.h
tests_ui_test_ui_keys_LDADD = $(UI_TEST_LIBS)
tests_ui_test_ui_proctab_SOURCES = tests/ui/test_ui_proctab.c \
	tests/ui/synth.c tests/ui/synth.h tests/tap.h
tests_ui_test_ui_proctab_LDADD = $(UI_TEST_LIBS)
tests_ui_test_ui_config_SOURCES = tests/ui/test_ui_config.c tests/tap.h
tests_ui_test_ui_config_LDADD = $(UI_TEST_LIBS)
# Terminal tests: a real tmux, private socket, bounded waits.
check_PROGRAMS += tests/ui/ui_load
tests_ui_ui_load_SOURCES = tests/ui/ui_load.c
tests_ui_ui_load_LDADD = -lpthread
UI_TMUX_TESTS = tests/ui/tmux_live.sh tests/ui/tmux_terminal.sh \
	tests/ui/tmux_record.sh tests/ui/tmux_keys.sh tests/ui/tmux_diskfull.sh \
	tests/ui/tmux_fsize.sh \
	tests/ui/tmux_display.sh tests/ui/tmux_hostile.sh \
	tests/ui/tmux_slices.sh tests/ui/tmux_wheel.sh tests/ui/tmux_threads.sh
TESTS += $(UI_TMUX_TESTS)
EXTRA_DIST += tests/ui/tmux_lib.sh $(UI_TMUX_TESTS)
# Time travel (issue 5): moves over a generated database; the generator
# writes synthetic histories through the store for the terminal tests.
check_PROGRAMS += tests/ui/test_history tests/timetravel/gen_history
TESTS += tests/ui/test_history
tests_ui_test_history_SOURCES = tests/ui/test_history.c tests/tap.h \
	tests/timetravel/synth.c tests/timetravel/synth.h
tests_ui_test_history_LDADD = $(UI_LIBS) $(CORE_LIBS)
tests_timetravel_gen_history_SOURCES = tests/timetravel/gen_history.c \
	tests/timetravel/synth.c tests/timetravel/synth.h
tests_timetravel_gen_history_LDADD = $(DB_LIBS)
TESTS += tests/timetravel/replay.sh tests/timetravel/graphs.sh \
	tests/timetravel/live.sh
EXTRA_DIST += tests/timetravel/replay.sh tests/timetravel/graphs.sh \
	tests/timetravel/live.sh \
	tests/timetravel/tmux.sh
