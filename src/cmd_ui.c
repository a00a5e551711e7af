/* cmd_ui.c: PLACEHOLDER until implemented. */
#include "config.h"

#include <stdio.h>

#include "commands.h"

int
cmd_ui(const struct cli_opts *o)
{
	fputs("histop: not implemented yet\n", stderr);
	return 1;
}
