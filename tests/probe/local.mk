## Tests of probe.
