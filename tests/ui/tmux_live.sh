# tmux_live.sh: the live UI on this machine, in a real terminal (tmux):
# panes, sorting a memory hog and a CPU burner to the top, filter, help,
# quit restoring the terminal. Needs the probe's process support.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/ui/tmux_lib.sh"
load="$top_builddir/tests/ui/ui_load"

mark="zq$$x"
"$load" mem 600 "$mark" &
hog=$!
helpers="$helpers $hog"
# wait until the hog is resident, so the first samples see it whole
resident() { [ "$(awk '/VmRSS/ { print $2 }' /proc/$hog/status)" -ge 600000 ]; }
poll 30 resident
"$load" cpu 4 "$mark" &
burner=$!
helpers="$helpers $burner"

start 160 45 "exec $HISTOP --no-record -d 0.5"
wait_for 'PID USER' 10
ok $? "process table header shows"
s=$(screen)
for p in CPU Mem Swp Load Disk Net Pressure Quota; do
	echo "$s" | grep -q "^$p\|  *$p\| $p " 
	ok $? "pane $p present"
done
echo "$s" | grep -q 'LIVE'
ok $? "title says LIVE"
# the memory and swap bars end in the same column whatever their labels
# ("1.2G/23.5G" above "0/0"); columns in characters, not bytes
bar_end() {
	line=$(echo "$s" | grep "^$1 \\[" | head -1)
	printf '%s' "${line%%]*}" | wc -m
}
is "$(bar_end Swp)" "$(bar_end Mem)" "Mem and Swp bars are aligned"

T send-keys M
wait_for 'sorted by RSS' 5
wait_top 'ui_load mem 600' 5
ok $? "M puts the 600 MB process on the top row"
top_row | sed 's/^/# /'

T send-keys P
wait_top 'ui_load cpu 4' 10
ok $? "P puts the CPU burner on the top row"
top_row | sed 's/^/# /'

T send-keys T
wait_for 'sorted by TIME+' 5
sleep 0.6
# TIME+ (column 9) as seconds, non-increasing down the table
table_rows | head -8 | awk '{
	t = $9; s = 0
	if (t ~ /:/) { split(t, a, ":"); s = a[1] * 60 + a[2] }
	else if (t ~ /h/) { split(t, a, "h"); s = a[1] * 3600 + a[2] * 60 }
	else if (t ~ /d/) { split(t, a, "d"); s = a[1] * 86400 + a[2] * 3600 }
	if (NR > 1 && s > prev) bad++
	prev = s
} END { exit bad > 0 }'
ok $? "T sorts by CPU time, largest first"

# a marker only the two helpers' command lines hold (typed key by key,
# so no other command line on the machine contains it)
T send-keys / $(echo "$mark" | sed 's/./& /g')
wait_for "Filter: $mark" 5
ok $? "filter prompt shows what is typed"
T send-keys Enter
others() { table_rows | awk -v a="$hog" -v b="$burner" '$1 != a && $1 != b' | wc -l; }
no_others() { [ "$(others)" -eq 0 ]; }
poll 10 no_others
rows=$(table_rows | awk -v a="$hog" -v b="$burner" '$1 == a || $1 == b' | wc -l)
is "$rows" 2 "filter keeps both ui_load processes"
is "$(others)" 0 "no other process left in the table"
T send-keys / Escape
many() { [ "$(table_rows | wc -l)" -gt 3 ]; }
poll 10 many
ok $? "Esc in the filter prompt clears it"

T send-keys h
wait_for 'histop help' 5
ok $? "h opens the help"
screen | grep -q 'Sort by resident memory'
ok $? "help lists the key table"
T send-keys x
wait_gone 'histop help' 5
ok $? "any key closes the help"
wait_for 'PID USER' 5
ok $? "back to the process table"

T send-keys F1
wait_for 'histop help' 5
ok $? "F1 opens the help too"
T send-keys q
wait_gone 'histop help' 5

T send-keys q
is "$(exit_status)" 0 "q quits with exit status 0"
done_testing
