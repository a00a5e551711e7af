#!/bin/sh
# run.sh: build every tests/fuzz/fuzz_*.c as a libFuzzer target (clang
# -fsanitize=fuzzer,address,undefined) against the probe and core sources,
# seed it from the fixture files its "seeds:" comment names, and run it.
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]     (default 20 s, every target)
#
# Needs a configured tree for config.h: BUILD=dir (default: the source
# tree, else ./build). Not part of `make check`. Exit 1 if any target
# found a crash, leak or UB report; artifacts are kept in $OUT.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-20}
[ $# -gt 0 ] && shift
build=${BUILD:-$top}
[ -f "$build/config.h" ] || build=$top/build
[ -f "$build/config.h" ] || { echo "run.sh: no config.h; run ./configure first (or set BUILD)" >&2; exit 2; }
CC=${CC:-clang}
OUT=${OUT:-${TMPDIR:-/tmp}/histop-fuzz}
mkdir -p "$OUT/obj"

flags="-g -O1 -std=c11 -fsanitize=address,undefined -fno-sanitize-recover=undefined -I$top/src -I$top -I$build $(pkg-config --cflags libbsd-overlay)"
libs="$(pkg-config --libs libbsd-overlay) -lm"

# The library sources once, instrumented for coverage.
objs=
for src in "$top"/src/core/*.c "$top"/src/probe/*.c "$top"/src/probe/linux/*.c "$top"/src/probe/posix/*.c; do
	o=$OUT/obj/$(echo "${src#$top/}" | tr / _ | sed 's/\.c$/.o/')
	$CC $flags -fsanitize=fuzzer-no-link -c "$src" -o "$o"
	objs="$objs $o"
done

targets=${*:-$(cd "$top/tests/fuzz" && ls fuzz_*.c | sed 's/\.c$//')}
failed=0
for t in $targets; do
	exe=$OUT/$t
	corpus=$OUT/corpus-$t
	mkdir -p "$corpus"
	$CC $flags -fsanitize=fuzzer "$top/tests/fuzz/$t.c" $objs $libs -o "$exe"
	# "seeds:" names fixture paths (find -path patterns, on the comment's
	# lines up to its end).
	pats=$(sed -n '/seeds:/,/\*\//p' "$top/tests/fuzz/$t.c" | sed 's/.*seeds://; s,\*/,,; s/^ \* //')
	set -f
	for pat in $pats; do
		find "$top/tests/probe/fixtures" -type f -path "*/$pat" | while read -r f; do
			cp "$f" "$corpus/seed-$(echo "${f#$top/tests/probe/fixtures/}" | tr / _)"
		done
	done
	set +f
	if "$exe" -max_total_time="$secs" -timeout=5 -rss_limit_mb=1024 \
	    -print_final_stats=1 -artifact_prefix="$OUT/$t-" "$corpus" > "$OUT/$t.log" 2>&1; then
		runs=$(sed -n 's/^#\([0-9]*\).*DONE.*/\1/p' "$OUT/$t.log" | tail -1)
		echo "ok $t: ${runs:-?} runs in ${secs} s, $(ls "$corpus" | wc -l) corpus files, no crash"
	else
		echo "FAIL $t: see $OUT/$t.log"
		failed=1
	fi
done
exit $failed
