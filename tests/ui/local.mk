## Tests of ui: unit tests link libui and core only; terminal tests drive
## a real tmux (tests/ui/*.sh).
check_PROGRAMS += tests/ui/ui_fixture
tests_ui_ui_fixture_SOURCES = tests/ui/ui_fixture.c tests/ui/synth.c \
	tests/ui/synth.h
tests_ui_ui_fixture_LDADD = $(UI_LIBS)
