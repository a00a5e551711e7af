/* cmd_record.c: PLACEHOLDER until implemented. */
#include "config.h"

#include <stdio.h>

#include "commands.h"

int
cmd_record(int argc, char **argv)
{
	fputs("histop: not implemented yet\n", stderr);
	return 1;
}
