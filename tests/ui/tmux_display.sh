# tmux_display.sh: colours and their monochrome fallback (NO_COLOR), UTF-8
# and its ASCII fallback (LC_ALL=C), and a broken config file giving the
# defaults with a warning. On synthetic snapshots.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/ui/tmux_lib.sh"
fixture="$top_builddir/tests/ui/ui_fixture 40 0.3"
sgr_colour() { T capture-pane -e -p | grep -c "$(printf '\033')\[[0-9;]*3[0-7][;m]"; }

start 160 40 "$fixture"
wait_for 'PID USER' 10
[ "$(sgr_colour)" -gt 0 ]
ok $? "colours by default"
screen | grep -q '█'
ok $? "UTF-8 locale: block bars"
T send-keys t
wait_for '├─' 5
ok $? "UTF-8 locale: tree lines"
# The runs share one histoprc, where t saves the tree view: each run ends
# (tree off again) before the next starts, or a server killed before the
# UI read "t q" would start the next run in the tree view.
T send-keys t q
is "$(exit_status)" 0 "UTF-8 run quits"

new_server
start 160 40 "env NO_COLOR=1 $fixture"
wait_for 'PID USER' 10
is "$(sgr_colour)" 0 "NO_COLOR: no colour at all"
screen | grep -q '^  0 \[#*+*=*w*i*s*!* *\]'
ok $? "monochrome: the CPU split drawn with its own characters"
T send-keys q
is "$(exit_status)" 0 "NO_COLOR run quits"

new_server
start 160 40 "env LC_ALL=C $fixture"
wait_for 'PID USER' 10
n=$(screen | LC_ALL=C grep -c '[^ -~]')
is "$n" 0 "LC_ALL=C: only ASCII on screen"
T send-keys / w i d e Enter
wait_for '7777' 5
screen | grep -q '7777 \\u7528 .*\\u6f22\\u5b57\\u6f22\\u5b57 wide-chars'
ok $? "LC_ALL=C: wide names escaped, cut only between escapes"
T send-keys / Escape
# Wait for the prompt closed on the whole table: '/' alone already shows
# every row (an empty filter), and a key sent within Esc's delay would
# read as Alt-t.
cleared() { on_screen '/usr/bin/idle1 ' && ! on_screen 'Filter:'; }
poll 5 cleared
T send-keys t
wait_for '|-' 10
r=$?
ok $r "LC_ALL=C: ASCII tree lines"
[ $r -eq 0 ] || screen | sed 's/^/# /'

T send-keys t q
is "$(exit_status)" 0 "LC_ALL=C run quits"

# the load pane: processes, their other threads and the kernel threads
# counted apart (46 + 2 in the fixture, memhog with 4 threads); beside
# the load where it fits, on its own line where it does not
new_server
start 200 40 "$fixture"
wait_for 'PID USER' 10
screen | grep -q 'Load [0-9.]* [0-9.]* [0-9.]*  Tasks 46, 3 thr, 2 kthr; 0 running'
ok $? "wide: load and tasks on one line"
T resize-window -x 160 -y 40
wait_for '% Tasks 46, 3 thr, 2 kthr; 0 running  ' 5
ok $? "narrower: the tasks on a line of their own, whole"
# pressure: all three averages where they fit, avg10 alone a column
# short of that, never a number cut at the edge
T resize-window -x 102 -y 40
wait_for 'memory    1.50   0.00   0.00   0.50   0.00   0.00$' 5
ok $? "102 columns: pressure averages whole"
T resize-window -x 100 -y 40
wait_for 'memory           1.50   0.50$' 5
ok $? "100 columns: pressure avg10 alone, whole"
T send-keys q

# 30 columns: every figure whole or left out, the title cut between
# fields, the tasks wrapped
new_server
start 30 50 "$fixture"
wait_for 'PID' 10
screen | head -1 | grep -q '^histop  REPLAY *$'
ok $? "30 columns: the title cut between its fields"
screen | grep -q '^Tasks 46, 3 thr, 2 kthr; *$' &&
    screen | grep -q '^0 running *$'
ok $? "30 columns: the tasks wrapped whole"
screen | grep -q '^Disk  read 1.50M/s *$'
ok $? "30 columns: the disk total left out whole"
screen | grep -q '^ eth0 *rx  2.00M/s *$'
ok $? "30 columns: the interface's tx left out whole"
T send-keys q

# narrow terminals drop the least needed columns, never the command
new_server
start 80 24 "$fixture"
wait_for 'PID USER' 10
screen | grep -q 'PID USER .* COMMAND *$'
ok $? "80 columns: COMMAND still has a column"
table_rows | grep -q '/usr/bin/idle[0-9]* --wait'
ok $? "80 columns: whole command lines fit"
screen | grep -q 'WRITE/s'
is $? 1 "80 columns: WRITE/s left out"
# panes wrap or leave out whole items, never cut a number at the edge
screen | grep -q '  pids 120/1000 *$'
ok $? "80 columns: quota limits wrapped whole (pids 120/1000)"
screen | grep -q '  nproc 63000/63000 *$'
ok $? "80 columns: rlimits wrapped whole (nproc 63000/63000)"
screen | grep -q ' sda  *r  *1.50M/s  w  *300K/s *$'
ok $? "80 columns: the disk's busy share left out, rates whole"
screen | grep -q 'wl.x1b.0;pw[a-z]* rx '
ok $? "80 columns: a long interface name cut before its rates, a space apart"
T resize-window -x 160 -y 24
wait_for 'WRITE/s' 5
ok $? "160 columns: WRITE/s back"
screen | grep -q ' sda  *r  *1.50M/s  w  *300K/s  *12% busy'
ok $? "160 columns: the disk's busy share back"
T send-keys q
is "$(exit_status)" 0 "narrow run quits"

new_server
mkdir -p "$XDG_CONFIG_HOME/histop"
printf '\177ELF\0\0\1\2binary' >"$XDG_CONFIG_HOME/histop/histoprc"
start 160 40 "$fixture"
wait_for 'PID USER' 10
ok $? "binary config: the UI starts"
on_screen 'not a histop config file (binary); using defaults'
ok $? "and warns on the status line"
T send-keys M
wait_top memhog 5
T send-keys q
is "$(exit_status)" 0 "quits"
grep -q '^sort=rss$' "$XDG_CONFIG_HOME/histop/histoprc"
ok $? "a good config replaced the broken one"
is "$(stat -c %a "$XDG_CONFIG_HOME/histop/histoprc")" 600 "config is 0600"
done_testing
