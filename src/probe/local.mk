## libprobe.a: reads the OS into core types. May use core only.
noinst_LIBRARIES += libprobe.a
libprobe_a_SOURCES = \
	src/probe/probe.c src/probe/probe.h src/probe/probe_int.h \
	src/probe/readfile.c src/probe/readfile.h \
	src/probe/common.c src/probe/common.h \
	src/probe/posix/posix.c
if PROBE_LINUX
libprobe_a_SOURCES += \
	src/probe/linux/linux.c src/probe/linux/linux.h \
	src/probe/linux/sys.c src/probe/linux/sysint.h \
	src/probe/linux/parse.h \
	src/probe/linux/cpu.c src/probe/linux/mem.c src/probe/linux/load.c \
	src/probe/linux/disk.c src/probe/linux/net.c src/probe/linux/psi.c \
	src/probe/linux/cgroup.c \
	src/probe/linux/proc.c src/probe/linux/proc_int.h \
	src/probe/linux/proc_parse.c src/probe/linux/proc_parse.h \
	src/probe/linux/users.c src/probe/linux/users.h
endif
PROBE_LIBS = libprobe.a $(CORE_LIBS)
