## libui.a: the ncurses frontend. May use db, probe, core.
