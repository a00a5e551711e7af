/* synth.h: synthetic snapshots for the UI tests (no probe needed). */
#ifndef HISTOP_TESTS_UI_SYNTH_H
#define HISTOP_TESTS_UI_SYNTH_H

#include <stddef.h>

#include "core/snapshot.h"

/*
 * Fill s with sample number tick of a made-up machine: 4 CPUs, memory,
 * load, two filesystems, a disk, two interfaces, pressure, quota, and
 * nproc processes. Among them: pid 4242 "memhog" with 3 GiB RSS, pid 4343
 * "burner" using 180% CPU, pid 666 whose comm and cmdline hold escape
 * sequences, pid 777 with wide characters, kernel threads 2 and 3.
 */
void synth_fill(struct snapshot *s, unsigned tick, size_t nproc);

#endif
