#!/bin/bash
# FP conformance: runs every implemented scalar FP instruction form
# (conformance/fp/templates.def) on special and random operands under every
# FPCR rounding mode / FZ / DN / FZ16 / AHP setting, under build/armature-user
# and under qemu-aarch64, and compares the destination registers, NZCV and
# FPSR bit for bit. Ends with "N passed, M failed" (exit status 1 if M > 0).
# usage: conformance/fp/run.sh [--quick] [--seed S] [--count N] [--only GLOB]
#                              [--max-report K] [--table] [--keep DIR]
#   default: 10^6 operations;  --quick: 6*10^4 (make check)
#   --only GLOB: only the templates whose spec id matches (e.g. 'FCVT*')
#   --max-report K: show the first K differing records decoded (default 10)
#   --table: one line per spec encoding, also those without differences
#   --keep DIR: keep the data file and both outputs in DIR
# Environment: ARMATURE_USER, QEMU_AARCH64 (the two emulators),
#              FP_TIMEOUT (seconds per emulator run, default 600).
set -u
cd "$(dirname "$0")/../.." || exit 2

build=${ARMATURE_BUILD:-build}
out=$build/fp
user=${ARMATURE_USER:-$build/armature-user}
qemu=${QEMU_AARCH64:-qemu-aarch64}
limit=${FP_TIMEOUT:-600}
seed=1 count=1000000 keep= gen_args=() cmp_args=()

while [ $# -gt 0 ]; do
	case $1 in
	--quick) count=60000 cmp_args+=(--max-report 5) ;;
	--seed) seed=$2; shift ;;
	--count) count=$2; shift ;;
	--only) gen_args+=(--only "$2"); shift ;;
	--max-report) cmp_args+=(--max-report "$2"); shift ;;
	--table) cmp_args+=(--table) ;;
	--keep) keep=$2; shift ;;
	-h | --help) sed -n '2,16s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
	esac
	shift
done

if [ ! -x "$user" ]; then
	echo "$user not built: run 'make all' first" >&2
	exit 2
fi
if ! command -v "$qemu" >/dev/null; then
	echo "$qemu not found: install qemu-user ('make deps')" >&2
	exit 2
fi
mkdir -p "$out"
if ! make -s --no-print-directory -C conformance/fp OUT="$(cd "$out" && pwd)" >&2; then
	echo "conformance/fp: building the tool or the driver failed" >&2
	exit 2
fi

if [ -n "$keep" ]; then
	mkdir -p "$keep" && tmp=$keep
else
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
fi
ulimit -c 0

"$out"/armature-fp-conformance gen --seed "$seed" --count "$count" "${gen_args[@]}" >"$tmp/data" || exit 2
echo "seed $seed: $(($(stat -c %s "$tmp/data") / 48)) operations, $(sed -n 's/^T(\([A-Za-z0-9_]*\),.*/\1/p' conformance/fp/templates.def | sort -u | wc -l) encodings"

# Both emulators at once; a crash or timeout shows as a short output file
# (the comparison reports where it stops) plus the message here.
(timeout -k 5 "$limit" "$user" "$out"/fp-driver <"$tmp/data" >"$tmp/armature.out" 2>"$tmp/armature.err"
 echo $? >"$tmp/armature.rc") &
(timeout -k 5 "$limit" "$qemu" -cpu max "$out"/fp-driver <"$tmp/data" >"$tmp/qemu.out" 2>"$tmp/qemu.err"
 echo $? >"$tmp/qemu.rc") &
wait
for e in armature qemu; do
	rc=$(cat "$tmp/$e.rc")
	if [ "$rc" != 0 ]; then
		echo "$e: exit status $rc: $(head -c 300 "$tmp/$e.err")"
		cmp_args+=(--run-failed "$e")
	fi
done

exec "$out"/armature-fp-conformance compare "$tmp/data" "$tmp/armature.out" "$tmp/qemu.out" \
	--known conformance/fp/known-differences.txt "${cmp_args[@]}"
