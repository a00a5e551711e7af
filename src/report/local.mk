## libreport.a: renders snapshots as text, JSON Lines and CSV. May use core only.
noinst_LIBRARIES += libreport.a
libreport_a_SOURCES = \
	src/report/report.h \
	src/report/rw.c \
	src/report/select.c \
	src/report/report_json.c \
	src/report/report_text.c
REPORT_LIBS = libreport.a $(CORE_LIBS)
