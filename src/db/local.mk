## libdb.a: the SQLite history store. May use core only.
