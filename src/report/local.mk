## libreport.a: renders snapshots as text, JSON Lines and CSV. May use core only.
