/* main.c: option parsing and subcommand dispatch only. PLACEHOLDER: the
 * option parser lands with batch mode. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "commands.h"

int
main(int argc, char **argv)
{
	struct cli_opts o = { .delay = 2 };

	if (argc > 1 && strcmp(argv[1], "record") == 0)
		return cmd_record(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "export") == 0)
		return cmd_export(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "db") == 0)
		return cmd_db(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "-b") == 0)
		return cmd_batch(&o);
	return cmd_ui(&o);
}
