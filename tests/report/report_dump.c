/* report_dump: print the fixture machine's two samples (tests/report/
 * fixture.h) as `json`, `csv` or `text`, for the shell tests that check
 * the output with independent parsers (python3 json and csv). */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "core/snapshot.h"
#include "report/report.h"
#include "fixture.h"

int
main(int argc, char **argv)
{
	struct snapshot *a = snapshot_new(), *b = snapshot_new();
	struct report_opts o = { 0 };
	struct rw *w = NULL;
	int r = 0;

	setlocale(LC_ALL, "");
	if (argc < 2) {
		fputs("usage: report_dump json|csv|text\n", stderr);
		return 2;
	}
	fx_fill(a, 1);
	snapshot_derive(a, NULL);
	fx_fill(b, 2);
	snapshot_derive(b, a);
	if (strcmp(argv[1], "json") == 0)
		w = rw_new(stdout, RW_JSON, 0);
	else if (strcmp(argv[1], "csv") == 0)
		w = rw_new(stdout, RW_CSV, 0);
	if (w != NULL && rw_format(w) == RW_JSON)
		r = report_json(w, a, &o) | report_json(w, b, &o);
	else if (w != NULL)
		r = report_csv(w, a, &o) | report_csv(w, b, &o);
	else
		r = report_text(stdout, a, &o) | report_text(stdout, b, &o);
	rw_free(w);
	snapshot_free(a);
	snapshot_free(b);
	return r != 0 || fflush(stdout) != 0;
}
