## libui.a: the ncurses frontend. May use db, probe, core.
noinst_LIBRARIES += libui.a
libui_a_SOURCES =
libui_a_CPPFLAGS = $(AM_CPPFLAGS) $(NCURSESW_CFLAGS)
UI_LIBS = libui.a $(NCURSESW_LIBS)
# History: graph widget, timeline line (issue 5).
libui_a_SOURCES += \
	src/ui/graph.c src/ui/graph.h \
	src/ui/timeline.c src/ui/timeline.h
