#!/bin/sh
# batch_valgrind.sh: histop -b in every format under valgrind (memcheck,
# leak check) on the fixture trees: no invalid access, no use of
# uninitialised values, no leak. Skips without valgrind.
. "$top_srcdir/tests/tap.sh"
command -v valgrind >/dev/null 2>&1 || skip_all "valgrind not installed"
# valgrind cannot run a binary built with AddressSanitizer.
if ldd "$HISTOP" 2>/dev/null | grep -q libasan; then
	skip_all "histop is built with sanitizers"
fi
fx="$top_srcdir/tests/probe/fixtures"
[ -d "$fx/cg2/proc" ] || skip_all "no probe fixtures"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

for tree in cg2 cg1 procs-hostile; do
	root=$fx/$tree/proc
	[ -d "$root" ] || root=$fx/$tree
	sys=$fx/$tree/sys
	for fmt in text json csv; do
		valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
		    --errors-for-leak-kinds=definite,indirect --error-exitcode=9 \
		    "$HISTOP" -b -n 2 -d 0.1 --format $fmt -p 1,100,101 \
		    --proc-root "$root" --sys-root "$sys" >/dev/null 2>"$tmp/vg"
		st=$?
		is $st 0 "$tree, $fmt: clean under valgrind"
		[ $st -eq 0 ] || sed 's/^/#   /' "$tmp/vg" | head -20
	done
done
done_testing
