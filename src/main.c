/* main.c: option parsing and subcommand dispatch only. PLACEHOLDER. */
#include "config.h"

#include <stdio.h>

int
main(int argc, char **argv)
{
	printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
	return 0;
}
