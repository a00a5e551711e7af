## Test suites. Each module's tests add themselves in tests/<module>/local.mk.
EXTRA_DIST += tests/tap.sh
include tests/core/local.mk
include tests/probe/local.mk
include tests/db/local.mk
include tests/report/local.mk
include tests/ui/local.mk
