#!/bin/bash
# Decode conformance: compares build/armature-decode-conformance's generated
# disassembly with GNU objdump (binutils 2.40) word by word, or sweeps all
# 2^32 words. Ends with "N passed, M failed" and exits with the tool's status.
#   run.sh            300 instances per spec encoding + 10^6 random words
#                     (with --simdfp: FP/SIMD words are compared too; those we
#                     print as .inst are counted as "not implemented yet")
#   run.sh --quick    50 per encoding + 20000 random words (make check)
#   run.sh --all-words [--range LO HI]   every word, no objdump (speed, no crash)
# Further arguments go to the tool (e.g. --seed 7, --max-report 20, --verbose).
set -u
cd "$(dirname "$0")/../.." || exit 2

tool=${ARMATURE_BUILD:-build}/armature-decode-conformance
known=conformance/decode/known-differences.txt
objdump=${OBJDUMP:-aarch64-linux-gnu-objdump}

if [ ! -x "$tool" ]; then
	echo "$tool not built: run 'make all' first" >&2
	exit 2
fi

size=(--per-encoding 300 --random 1000000)
case ${1:-} in
--quick)
	size=(--per-encoding 50 --random 20000 --max-report 3 --max-kinds 20)
	shift
	;;
--all-words)
	shift
	exec "$tool" --all-words "$@"
	;;
esac

if ! command -v "$objdump" >/dev/null; then
	echo "$objdump not found: install binutils-aarch64-linux-gnu ('make deps')" >&2
	exit 2
fi
exec "$tool" "${size[@]}" --simdfp --known "$known" --objdump "$objdump" "$@"
