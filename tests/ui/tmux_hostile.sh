# tmux_hostile.sh: processes named with escape sequences are shown
# escaped, the terminal title is left alone, and the raw bytes histop
# writes (captured by script(1)) hold no data-derived escape sequence.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/ui/tmux_lib.sh"
command -v script >/dev/null 2>&1 || skip_all "script(1) not installed"

# argv[0] with an OSC title sequence and a clear-screen CSI
bash -c "exec -a \$'\\e]0;pwned\\a\\e[2J-argv-$$' sleep 300" &
helpers="$helpers $!"
# comm itself with escapes, via prctl(PR_SET_NAME)
if command -v python3 >/dev/null 2>&1; then
	python3 -c '# marker-'$$'
import ctypes, time
ctypes.CDLL(None).prctl(15, b"\x1b]0;pw" + b"ned\x07", 0, 0, 0)
time.sleep(300)' &
	helpers="$helpers $!"
fi
sleep 0.3

start 160 40 "env PS1='PROMPT> ' bash --norc --noprofile -i"
wait_for 'PROMPT>' 10
T set-option -g set-titles off >/dev/null
title0=$(T display -p '#{pane_title}')
T send-keys "clear; script -q -f -c '$HISTOP --no-record -d 0.3' $work/raw; echo EXIT=\$?" Enter
wait_for 'PID USER' 10
ok $? "histop runs under script(1)"
T send-keys / p w n e d Enter
wait_for 'x1b\]0;pwned' 10
ok $? "escape-named process shown escaped"
screen | grep -F "x1b]0;pwned\\x07\\x1b[2J-argv-$$" >/dev/null
ok $? "argv[0] shown with both escapes visible"
if command -v python3 >/dev/null 2>&1; then
	# its comm matched the filter; its row shows the command line
	wait_count "$$" 2 10
	ok $? "process renamed by prctl matched too"
fi
sleep 1
title1=$(T display -p '#{pane_title}')
is "$title1" "$title0" "pane title unchanged"
T send-keys q
wait_for 'EXIT=0' 10
ok $? "histop exits 0"
sleep 0.3
printf '\033]0;pwned' >"$work/needle"
grep -c -F -f "$work/needle" "$work/raw" >"$work/hits"
is "$(cat "$work/hits")" 0 "raw output: no OSC title sequence from data"
LC_ALL=C grep -c "$(printf '\033]')" "$work/raw" >"$work/osc"
is "$(cat "$work/osc")" 0 "raw output: no OSC at all"
LC_ALL=C grep -c "$(printf '\302\233')" "$work/raw" >"$work/c1"
is "$(cat "$work/c1")" 0 "raw output: no C1 CSI"
grep -q -F 'x1b]0;pwned' "$work/raw"
ok $? "raw output holds the escaped form"

# the same on the synthetic fixture: names, interfaces, mounts, users
new_server
start 160 40 "exec $top_builddir/tests/ui/ui_fixture 40 0.5"
wait_for 'PID USER' 10
s=$(screen)
echo "$s" | grep -F -q 'wl\x1b]0;pwned'
ok $? "interface name escaped"
echo "$s" | grep -F -q '/mnt/\x1b[2Jevil'
ok $? "mount point escaped"
T send-keys / w i d e Enter
wait_for 'wide-chars' 5
row=$(screen | grep 'wide-chars')
ref=$(screen | sed -n '/PID USER/p')
# the S column sits at the same screen column as with ASCII user names
c1=$(printf '%s\n' "$row" | awk '{ print index($0, " S ") }')
is "$(printf '%s\n' "$row" | cut -c1-8)" "   7777 " "wide row starts aligned"
printf '%s\n' "$row" | grep -q '用户      S'
ok $? "wide user name padded to its column"
T send-keys / Escape
T send-keys q
done_testing
