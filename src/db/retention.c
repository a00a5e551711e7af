/* retention.c: rollups and pruning (see histop-db(5)). Depends on SQLite. */
#include "config.h"

#include "db/db_int.h"

void
db_retention_init(struct db *db)
{
	(void)db;
}

void
db_retention_step(struct db *db)
{
	(void)db;
}
