## Tests of ui.
