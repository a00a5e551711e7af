# tmux_wheel.sh: the mouse wheel moves the process table's selection
# three rows a notch and scrolls the table with it, through a real
# terminal: tmux passes the X10 reports of buttons 4 and 5 (wheel up and
# down) as TERM=screen has them. NO_COLOR: the selection is reverse video.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/ui/tmux_lib.sh"

# wheel up|down N: N notches over the table (cell 10,15)
wheel() {
	b=$([ "$1" = up ] && echo 96 || echo 97) # 32 + 64, 32 + 65
	i=0
	while [ "$i" -lt "$2" ]; do
		T send-keys -l "$(printf '\033[M')$(printf "\\$(printf %o "$b")")$(printf "\\$(printf %o 43)")$(printf "\\$(printf %o 48)")"
		i=$((i + 1))
	done
}
# the pid of the selected (reverse video) table row; capture-pane -e
# writes an attribute only where it changes, so it is tracked across lines
selected() {
	T capture-pane -p -e | awk -v esc="$(printf '\033')" '
	{
		line = $0
		seen = 0
		while (line != "") {
			if (substr(line, 1, 2) == esc "[" &&
			    match(line, /^.\[[0-9;]*[A-Za-z]/)) {
				seq = substr(line, 3, RLENGTH - 3)
				if (substr(line, RLENGTH, 1) == "m") {
					n = split(seq, p, ";")
					if (n == 0)
						rev = 0
					for (i = 1; i <= n; i++)
						if (p[i] == 0 || p[i] == 27)
							rev = 0
						else if (p[i] == 7)
							rev = 1
				}
				line = substr(line, RLENGTH + 1)
				continue
			}
			c = substr(line, 1, 1)
			if (!seen && c != " ") {
				seen = 1
				if (rev && match(line, /^[0-9]+ /))
					print substr(line, 1, RLENGTH - 1)
			}
			line = substr(line, 2)
		}
	}' | head -1
}
sel_is() { [ "$(selected)" = "$1" ]; }

start 120 25 "exec env NO_COLOR=1 $top_builddir/tests/ui/ui_fixture 40 0.3"
wait_for 'PID USER' 10
ok $? "fixture UI up"
T send-keys N
wait_top '^ *1 root' 5
ok $? "N: pid order, pid 1 on top"
poll 5 sel_is 1
ok $? "pid 1 selected"
wheel down 1
poll 5 sel_is 1002
ok $? "one notch down: three rows down (1, 1000, 1001, 1002)"
wheel down 20
poll 5 sel_is 8888
ok $? "twenty notches down: the last row selected"
on_top '^ *1 root'
is $? 1 "and the table scrolled with it"
wheel up 20
poll 5 sel_is 1
ok $? "twenty notches up: the first row again"
on_top '^ *1 root'
ok $? "and the table scrolled back"
off_screen 'unknown key'
ok $? "no wheel report taken for keys"
T send-keys q
is "$(exit_status)" 0 "q quits"
done_testing
