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
tests_ui_ui_fixture_LDADD = libui.a $(NCURSESW_LIBS) $(CORE_LIBS)
