# graphs.sh: the graphs view on a generated history, through tmux: the CPU
# spike lands in the column its time maps to (Braille and ASCII), the
# cursor moves the time every view shows, a process's own graphs; and a
# replay follows a database while it is being written.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/timetravel/tmux.sh"

tt_history
d=$tt_dir

W=120
LABEL_W=18
NS=1000000000
start=1795564800 # 2026-11-25 00:00:00 UTC, sample 0
# Where the view puts sample 50 (the spike) with the whole database in
# the window: the same arithmetic as view_graphs.c. Sub-columns (2 per
# cell in Braille, 1 in ASCII) span bw each; the store is asked for nt
# time buckets, none narrower than the 2 s interval; sub-column k shows
# bucket k * nt / nb. Prints the cells showing the spike's bucket.
spike_col() { # spike_col SUBCOLUMNS_PER_CELL
	gw=$((W - LABEL_W))
	nb=$((gw * $1))
	first=$((start * NS))
	last=$(((start + 99 * 2) * NS))
	bw=$(((last - first) / nb))
	to=$(((last / bw + 1) * bw))
	from=$((to - bw * nb))
	nt=$nb
	[ $((2 * NS)) -gt "$bw" ] && nt=$((bw * nb / (2 * NS)))
	spike=$(((start + 50 * 2) * NS))
	j=$(((spike - from) * nt / (bw * nb)))
	k=0 cells=""
	while [ $k -lt $nb ]; do
		if [ $((k * nt / nb)) -eq $j ]; then
			c=$((LABEL_W + k / $1))
			case " $cells " in *" $c "*) ;; *) cells="$cells $c" ;; esac
		fi
		k=$((k + 1))
	done
	echo ${cells# }
}
# Columns (0-based, characters) of the non-blank cells of screen line $1
# right of the labels.
lit_cols() {
	tt_screen | sed -n "${1}p" | perl -CS -ne 'chomp;
		my @c = split //; my @o;
		for my $i ('$LABEL_W' .. $#c) { push @o, $i if $c[$i] ne " " }
		print join(" ", @o), "\n"'
}

# ---- Braille ----------------------------------------------------------
tt_start $W 40 "$HISTOP" -r "$d/h.db" -d 0.2
tt_wait '^histop +REPLAY'
tt_keys G
tt_wait '^Graphs'
ok $? "G opens the graphs view"
tt_keys a
tt_wait 'window all'
ok $? "a: the whole database in the window"
# Line 3 is the top row of the "cpu %" graph (line 1 title, 2 header):
# only the 95% spike reaches it.
want=$(spike_col 2)
tt_until "$want" 5 lit_cols 3
is "$(lit_cols 3)" "$want" "Braille: the spike alone, in cells $want"
tt_screen | sed -n '3p' | grep -q '^cpu %'
ok $? "the first graph is total CPU"
tt_screen | grep -q '^mem used'
ok $? "memory graph"
tt_screen | grep -q '^net rx'
ok $? "network graph"
tt_screen | grep -q '^disk write'
ok $? "disk graph"
tt_screen | grep -q '^psi io'
ok $? "pressure graph"
tt_screen | grep -q '00:01:30'
ok $? "time axis labels"

# The cursor: Left moves the time shown, Enter shows that moment.
tt_keys Left
tt_wait '^histop +PAST'
ok $? "Left in the graphs moves the cursor into the past"
tt_keys Enter
tt_wait '^ +PID '
ok $? "Enter: back to the process table ..."
tt_wait '^histop +PAST'
ok $? "... at the cursor's time"

# A process's history: filter to it, select it, p.
tt_keys /
tt_keys tt_leaker Enter
tt_wait 'tt_leaker --grow'
tt_keys p
tt_wait '^4000 rss'
ok $? "p: the selected process's RSS graph"
tt_screen | grep -q '^4000 cpu%'
ok $? "and its CPU graph"
tt_screen | grep -q 'process 4000 tt_leaker'
ok $? "the header names the process"
tt_keys q
is "$(tt_gone)" 0 "q quits"
tt_kill

# ---- ASCII (no UTF-8 locale) ------------------------------------------
LC_ALL=C tt_start $W 40 "$HISTOP" -r "$d/h.db" -d 0.2
tt_wait '^histop +REPLAY'
tt_keys G a
tt_wait 'window all.*ascii'
ok $? "ASCII graphs without a UTF-8 locale"
want=$(spike_col 1)
tt_until "$want" 5 lit_cols 3
is "$(lit_cols 3)" "$want" "ASCII: the spike alone, in cells $want"
tt_screen | sed -n '3p' | cut -c$((${want%% *} + 1)) | grep -q '#'
ok $? "drawn with #"
tt_keys q
tt_gone >/dev/null
tt_kill

# ---- following a database being written --------------------------------
# 20 samples now, then one more every 150 ms: a recorder at work.
"$gen" "$d/f.db" -n 20 -p 20 -q -f 150 -x 40 &
genpid=$!
# until its first 20 samples are committed (a loaded machine may take
# seconds to write them)
if command -v sqlite3 >/dev/null 2>&1; then
	tt_until 1 30 sqlite3 -readonly "$d/f.db" \
	    "SELECT count(*) >= 20 FROM sample" 2>/dev/null
else
	tt_wait_file() { n=100; while [ ! -s "$1" ] && [ $n -gt 0 ]; do sleep 0.05; n=$((n - 1)); done; }
	tt_wait_file "$d/f.db"
	sleep 0.3
fi
tt_start $W 30 "$HISTOP" -r "$d/f.db" -d 0.2 "2>$d/follow.err"
tt_wait '^histop +REPLAY +2026-11-25 00:00:'
ok $? "replay opens a database while it is written"
sed 's/^/# stderr: /' "$d/follow.err"
tt_wait '^histop +REPLAY +2026-11-25 00:01:58' 30
ok $? "and follows it to the last sample written (sample 60)"
wait $genpid
is "$?" 0 "the writer was never blocked"
tt_keys Left
tt_wait '^histop +PAST +2026-11-25 00:01:56 .*#59/60'
ok $? "the followed samples can be stepped through"
tt_keys q
tt_gone >/dev/null
tt_kill
done_testing
