/*
 * ui_load.c: a load for the terminal tests — `ui_load mem MB` holds MB
 * megabytes of touched memory, `ui_load cpu N` spins N threads, `ui_load
 * threads N` starts N idle threads named uiload-t1..N — then waits to be
 * killed. Its command line is what the tests look for.
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* escapes p, so the compiler cannot drop the memset as a dead store */
static char *volatile keep;

static void *
spin(void *arg)
{
	volatile unsigned long n = 0;

	(void)arg;
	for (;;)
		n++;
	return NULL;
}

static void *
idle(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

int
main(int argc, char **argv)
{
	long n;

	if (argc < 3)
		return 2;
	n = strtol(argv[2], NULL, 10);
	if (strcmp(argv[1], "mem") == 0) {
		char *p = malloc((size_t)n << 20);

		if (p == NULL)
			return 1;
		memset(p, 1, (size_t)n << 20);
		keep = p;
	} else if (strcmp(argv[1], "threads") == 0) {
		pthread_t t;
		char name[32];
		long i;

		for (i = 1; i <= n; i++) {
			if (pthread_create(&t, NULL, idle, NULL) != 0)
				return 1;
			/* at most 15 bytes: the kernel's limit */
			snprintf(name, sizeof(name), "uiload-t%ld", i % 1000);
			pthread_setname_np(t, name);
		}
	} else {
		pthread_t t;

		while (--n > 0)
			pthread_create(&t, NULL, spin, NULL);
		spin(NULL);
	}
	for (;;)
		pause();
}
