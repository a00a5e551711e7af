/*
 * ui_load.c: a load for the terminal tests — `ui_load mem MB` holds MB
 * megabytes of touched memory, `ui_load cpu N` spins N threads — then
 * waits to be killed. Its command line is what the tests look for.
 */
#include "config.h"

#include <pthread.h>
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
	} else {
		pthread_t t;

		while (--n > 0)
			pthread_create(&t, NULL, spin, NULL);
		spin(NULL);
	}
	for (;;)
		pause();
}
