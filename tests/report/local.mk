## Tests of report.
