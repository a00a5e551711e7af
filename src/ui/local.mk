## libui.a: the ncurses frontend. May use db, probe, core.
noinst_LIBRARIES += libui.a
libui_a_SOURCES =
libui_a_CPPFLAGS = $(AM_CPPFLAGS) $(NCURSESW_CFLAGS)
UI_LIBS = libui.a $(NCURSESW_LIBS) $(DB_LIBS)
# History: graph widget, timeline line (issue 5).
libui_a_SOURCES += \
	src/ui/graph.c src/ui/graph.h \
	src/ui/timeline.c src/ui/timeline.h
# The live UI (issue 4): loop, views, panes, widgets, key table.
libui_a_SOURCES += \
	src/ui/ui.h src/ui/ui_int.h \
	src/ui/actions.c \
	src/ui/bar.c \
	src/ui/columns.c \
	src/ui/config.c \
	src/ui/format.c \
	src/ui/keys.c \
	src/ui/layout.c \
	src/ui/loop.c \
	src/ui/menu.c \
	src/ui/pane_cpu.c \
	src/ui/pane_io.c \
	src/ui/pane_sys.c \
	src/ui/proctab.c \
	src/ui/prompt.c \
	src/ui/record.c \
	src/ui/term.c \
	src/ui/text.c \
	src/ui/view_columns.c \
	src/ui/view_help.c \
	src/ui/view_main.c \
	src/ui/view_signal.c \
	src/ui/view_users.c
# Time travel (issue 5): history position, keys, graphs and diff views.
libui_a_SOURCES += \
	src/ui/history.c src/ui/history.h \
	src/ui/timetravel.c src/ui/timetravel.h \
	src/ui/view_diff.c \
	src/ui/view_graphs.c
