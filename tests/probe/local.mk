## Tests of probe.
EXTRA_DIST += tests/probe/fixtures
