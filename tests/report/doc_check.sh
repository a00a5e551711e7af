#!/bin/sh
# doc_check.sh: the manual page keeps up with the program: every option
# `histop --help` lists, every sort key and every process field is in
# man/histop.1, and the README's quick start is still the two commands.
. "$top_srcdir/tests/tap.sh"
man="$top_srcdir/man/histop.1"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

"$HISTOP" --help >"$tmp/help"
# groff writes '-' as '\-' in option names.
sed 's/\\-/-/g' "$man" >"$tmp/man"
missing=""
for opt in $(grep -o -- '--[a-z][a-z-]*' "$tmp/help" | sort -u); do
	grep -q -- "$opt" "$tmp/man" || missing="$missing $opt"
done
is "$missing" "" "every --option of --help is in the man page"
for sub in record export; do
	missing=""
	for opt in $("$HISTOP" $sub --help 2>&1 | grep -o -- '--[a-z][a-z-]*' |
	    grep -v -- '^--help$' | sort -u); do
		grep -q -- "$opt" "$tmp/man" || missing="$missing $opt"
	done
	is "$missing" "" "every option of histop $sub --help is in the man page"
done
missing=""
for opt in $(grep -o -- '^  -[a-zA-Z]' "$tmp/help" | tr -d ' ' | sort -u); do
	grep -q -- "$opt" "$tmp/man" || missing="$missing $opt"
done
is "$missing" "" "every short option of --help is in the man page"

# Sort keys refused or not: each key the man page names must be accepted.
missing=""
for key in cpu rss mem time vms virt swap shared data stack read write \
    start pid user comm threads; do
	grep -q "^\.BR* $key" "$tmp/man" || missing="$missing $key"
	"$HISTOP" -b -s "$key" --proc-root "$tmp/none" >/dev/null 2>&1
	[ $? -eq 2 ] && missing="$missing $key(refused)"
done
is "$missing" "" "sort keys documented and accepted"

missing=""
for f in pid ppid uid user state comm cmdline threads nice start_time_ns \
    user_time_ns system_time_ns total_time_ns usage_percent rss_bytes \
    vms_bytes swap_bytes shared_bytes data_bytes stack_bytes read_bytes \
    write_bytes read_rate write_rate cgroup; do
	grep -q "$f" "$tmp/man" || missing="$missing $f"
done
is "$missing" "" "every process field is documented"

for var in HISTOP_PROC_ROOT HISTOP_SYS_ROOT; do
	grep -q "^\.B $var" "$tmp/man"
	ok $? "$var documented under ENVIRONMENT"
done
grep -q '^\.SH KEYS' "$tmp/man"
ok $? "man page has a KEYS section"
grep -q '^\.SH "EXIT STATUS"\|^\.SH EXIT STATUS' "$tmp/man"
ok $? "man page has an EXIT STATUS section"

# gettext: every source file with marked strings is in po/POTFILES.in.
missing=""
for f in $(cd "$top_srcdir" && grep -rl --include='*.c' '_("' src); do
	grep -qx "$f" "$top_srcdir/po/POTFILES.in" || missing="$missing $f"
done
is "$missing" "" "po/POTFILES.in lists every file with _() strings"

readme="$top_srcdir/README.md"
quick=$(sed -n '/^## Quick start/,/^## /p' "$readme" | sed -n '/^```sh$/,/^```$/p' |
    grep -v '^```' | sed 's/ *#.*//')
is "$(echo "$quick" | tr '\n' ';')" "make run;make check;" "README quick start is exactly make run / make check"
done_testing
