## The histop program: main.c (options, dispatch) and engine.c compose the
## modules; each command in its own src/cmd_*.c.
bin_PROGRAMS += histop
histop_SOURCES = src/main.c src/commands.h \
	src/engine.c src/engine.h \
	src/cmd_batch.c \
	src/cmd_ui.c \
	src/cmd_record.c \
	src/cmd_export.c \
	src/cmd_db.c
# Link order: higher modules first.
histop_LDADD = $(UI_LIBS) $(DB_LIBS) $(REPORT_LIBS) $(PROBE_LIBS) $(LIBINTL) -lm
dist_man_MANS += man/histop.1
