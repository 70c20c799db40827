#!/bin/bash
# Builds DIR/difftest-driver from DIR/seqs.S and runs it on both sides:
# DIR/a.trace and DIR/b.trace (conformance/difftest/README.md).
# usage: conformance/difftest/sides.sh DIR
# Environment: DIFFTEST_SIDE_A (default build/armature-user),
#              DIFFTEST_SIDE_B (default "qemu-aarch64 -cpu max"): commands
#              that run the driver given as their last argument and write
#              its trace to stdout; DIFFTEST_TIMEOUT (seconds, default 900).
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=$(cd "$1" && pwd) || exit 2
build=${ARMATURE_BUILD:-$root/build}
side_a=${DIFFTEST_SIDE_A:-$build/armature-user}
side_b=${DIFFTEST_SIDE_B:-qemu-aarch64 -cpu max}
limit=${DIFFTEST_TIMEOUT:-900}

if ! make -s --no-print-directory -C "$root/conformance/difftest" OUT="$dir" \
	OBJ="$build/difftest-obj" >"$dir/make.log" 2>&1; then
	cat "$dir/make.log" >&2
	echo "difftest: building the driver failed" >&2
	exit 2
fi
ulimit -c 0
# shellcheck disable=SC2086 # the side commands are word-split on purpose
(timeout -k 5 "$limit" $side_a "$dir/difftest-driver" >"$dir/a.trace" 2>"$dir/a.err"; echo $? >"$dir/a.rc") &
# shellcheck disable=SC2086
(timeout -k 5 "$limit" $side_b "$dir/difftest-driver" >"$dir/b.trace" 2>"$dir/b.err"; echo $? >"$dir/b.rc") &
wait
for s in a b; do
	rc=$(cat "$dir/$s.rc")
	[ "$rc" = 0 ] || echo "side $s: exit status $rc: $(head -c 300 "$dir/$s.err")" >&2
done
exit 0
