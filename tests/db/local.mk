## Tests of db.
