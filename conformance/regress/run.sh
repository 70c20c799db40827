#!/bin/bash
# Replays every conformance/regress/*.seq (sequences the difftest minimiser
# wrote, conformance/difftest/README.md) under both sides and compares the
# state after every instruction. Ends with "N passed, M failed" (N, M:
# instructions; a known difference counts as passed and ends its sequence).
# usage: conformance/regress/run.sh [--keep DIR]
# Environment: DIFFTEST_SIDE_A, DIFFTEST_SIDE_B, DIFFTEST_NAMES (sides.sh).
set -u
cd "$(dirname "$0")/../.." || exit 2
build=${ARMATURE_BUILD:-build}
keep=
[ "${1:-}" = --keep ] && keep=$2
shopt -s nullglob
files=(conformance/regress/*.seq)
if [ ${#files[@]} -eq 0 ]; then
	echo "no regression sequences"
	echo "0 passed, 0 failed"
	exit 0
fi
if [ -n "$keep" ]; then
	mkdir -p "$keep" && tmp=$(cd "$keep" && pwd)
else
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
fi
"$build/armature-difftest" image "${files[@]}" -o "$tmp/seqs.S" || exit 2
conformance/difftest/sides.sh "$tmp" || exit 2
echo "${#files[@]} regression files"
"$build/armature-difftest" compare "$tmp/a.trace" "$tmp/b.trace" --names "${DIFFTEST_NAMES:-armature,qemu}" \
	--known conformance/semantics/known-differences.txt --max-report 20
