#!/bin/sh
# cli_options.sh: histop's command line: --help/--version, and bad input
# (one line on stderr naming the problem, exit 2; a proc root without
# /proc files: exit 1).
. "$top_srcdir/tests/tap.sh"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

"$HISTOP" --help >"$tmp/out" 2>"$tmp/err"
is $? 0 "--help exits 0"
grep -q '^Usage: histop' "$tmp/out"
ok $? "--help prints usage on stdout"
grep -q -- '--proc-root' "$tmp/out"
ok $? "--help lists --proc-root"
is "$(wc -c <"$tmp/err" | tr -d ' ')" 0 "--help writes nothing to stderr"
version=$(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"$/\1/p' "$top_builddir/config.h")
is "$("$HISTOP" -V)" "histop $version" "-V prints the configured version"

# usage_error ARGS... -- NEEDLE: exit 2, one line naming NEEDLE.
usage_error() {
	needle=$1
	shift
	"$HISTOP" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	st=$?
	lines=$(wc -l <"$tmp/err" | tr -d ' ')
	if [ "$st" -eq 2 ] && [ "$lines" -eq 1 ] &&
	    grep -qF -- "$needle" "$tmp/err" &&
	    grep -qF "histop --help" "$tmp/err" &&
	    [ ! -s "$tmp/out" ]; then
		ok 0 "rejects $*"
	else
		ok 1 "rejects $*"
		echo "#   exit $st, stderr: $(cat "$tmp/err")"
	fi
}
usage_error "'0'" -b -d 0
usage_error "'-1'" -b -d -1
usage_error "'abc'" -b -d abc
usage_error "'nan'" -b -d nan
usage_error "'inf'" -b -d inf
usage_error "'1e9'" -b -d 1e9
usage_error "'0.05'" -b -d 0.05
usage_error "'86401'" -b -d 86401
usage_error "'1,5'" -b -d 1,5
usage_error "'x'" -b -n x
usage_error "'-1'" -b -n -1
usage_error "'0'" -b -n 0
usage_error "'99999999999'" -b -n 99999999999
usage_error "'yaml'" -b --format yaml
usage_error "'bogus'" -b -s bogus
usage_error "'1,x'" -b -p 1,x
usage_error "'1,,2'" -b -p 1,,2
usage_error "'0'" -b -p 0
usage_error "'no-such-user-xyz'" -b -u no-such-user-xyz
usage_error "'-q'" -q
usage_error "'--frobnicate'" --frobnicate
usage_error "'-d'" -b -d
usage_error "'--format'" -b --format
usage_error "'stray'" -b stray
usage_error "--at" --at now
usage_error "-r" -b -r
usage_error "need -b" -n 2
usage_error "need -b" --format json
usage_error "--proc-root" -b --proc-root ""
usage_error "--sys-root" -b --sys-root ""

# Hostile arguments are quoted escaped, never raw, in the one line.
esc=$(printf '\033]0;pwned\007')
"$HISTOP" -b -d "$esc" 2>"$tmp/err" >/dev/null
is $? 2 "escape sequence as -d: exit 2"
grep -qF '\x1b]0;pwned\x07' "$tmp/err" && ! grep -q "$(printf '\033')" "$tmp/err"
ok $? "escape sequence as -d: shown escaped, no raw ESC"
"$HISTOP" "-$(printf '\033')" 2>"$tmp/err" >/dev/null
is $? 2 "ESC as an option letter: exit 2"
grep -qF "'-\x1b'" "$tmp/err"
ok $? "ESC as an option letter: shown escaped"
"$HISTOP" -b -n 1 --proc-root "$tmp/$esc" 2>"$tmp/err" >/dev/null
is $? 1 "escape sequence in --proc-root: exit 1"
grep -qF '\x1b]0;pwned\x07' "$tmp/err" && ! grep -q "$(printf '\033')" "$tmp/err"
ok $? "escape sequence in --proc-root: message escaped"
is "$(wc -l <"$tmp/err" | tr -d ' ')" 1 "escape sequence in --proc-root: one line"

# Valid values that must not be refused as usage errors.
for args in "-d 0.1" "-d 2" "-d .5" "-d 86400" "-n 1" "-s rss" "-s mem" \
    "-s cpu" "-s time" "-s rss_bytes" "-p 1,2,3" "-u root" "-u 0" \
    "--format csv"; do
	# shellcheck disable=SC2086
	"$HISTOP" -b $args --proc-root "$tmp/none" >/dev/null 2>"$tmp/err"
	is $? 1 "accepts $args (fails later on the missing proc root)"
done

# A proc root without the files histop needs: runtime error, exit 1.
"$HISTOP" -b -n 1 --proc-root "$tmp/none" >"$tmp/out" 2>"$tmp/err"
is $? 1 "missing proc root: exit 1"
is "$(wc -l <"$tmp/err" | tr -d ' ')" 1 "missing proc root: one line"
grep -qF "$tmp/none" "$tmp/err"
ok $? "missing proc root: message names the directory"
mkdir "$tmp/empty"
HISTOP_PROC_ROOT="$tmp/empty" "$HISTOP" -b -n 1 >"$tmp/out" 2>"$tmp/err"
is $? 1 "proc root without stat (via HISTOP_PROC_ROOT): exit 1"
grep -qF "$tmp/empty" "$tmp/err"
ok $? "proc root without stat: message names the directory"
is "$(wc -c <"$tmp/out" | tr -d ' ')" 0 "nothing on stdout after an error"
done_testing
