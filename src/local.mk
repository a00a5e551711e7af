## The histop program: main.c (options, dispatch) and engine.c compose the modules.
bin_PROGRAMS += histop
histop_SOURCES = src/main.c
histop_LDADD = $(PROBE_LIBS) $(LIBINTL) -lm
