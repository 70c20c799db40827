#!/bin/bash
# Semantics conformance: random instances of every spec encoding that can
# run as a straight-line test at EL0, each run once under build/armature-user
# and once under qemu-aarch64 -cpu max, with X0-X30, SP, NZCV, FPCR, FPSR,
# V0-V31, the scratch memory and any signal compared bit for bit after the
# instruction. Ends with "N passed, M failed" (exit status 1 if M > 0).
# usage: conformance/semantics/run.sh [--quick] [--seed S] [--per-encoding K]
#                                     [--only GLOB]... [--max-report N]
#                                     [--table] [--undefined] [--keep DIR]
#   default: 40 instances per encoding;  --quick: 3 (make check)
#   --only GLOB: encodings whose spec id, page or group matches (repeatable)
#   --max-report N: show the first N differing instances (default 10)
#   --table: one line per spec page, also those without differences
#   --undefined: also run instances Armature finds UNDEFINED (both must SIGILL)
#   --keep DIR: keep tests.S, the driver and both outputs in DIR
# Environment: ARMATURE_USER, QEMU_AARCH64 (the two emulators),
#              SEM_TIMEOUT (seconds per emulator run, default 900).
set -u
cd "$(dirname "$0")/../.." || exit 2

build=${ARMATURE_BUILD:-build}
tool=$build/armature-semantics-conformance
user=${ARMATURE_USER:-$build/armature-user}
qemu=${QEMU_AARCH64:-qemu-aarch64}
limit=${SEM_TIMEOUT:-900}
seed=1 per=40 keep= sel=() cmp=()

while [ $# -gt 0 ]; do
	case $1 in
	--quick) per=3 cmp+=(--max-report 5) ;;
	--seed) seed=$2; shift ;;
	--per-encoding) per=$2; shift ;;
	--only) sel+=(--only "$2"); shift ;;
	--undefined) sel+=(--undefined) ;;
	--max-report) cmp+=(--max-report "$2"); shift ;;
	--table) cmp+=(--table) ;;
	--keep) keep=$2; shift ;;
	-h | --help) sed -n '2,19s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
	esac
	shift
done

for f in "$user" "$tool"; do
	if [ ! -x "$f" ]; then
		echo "$f not built: run 'make all' first" >&2
		exit 2
	fi
done
if ! command -v "$qemu" >/dev/null; then
	echo "$qemu not found: install qemu-user ('make deps')" >&2
	exit 2
fi

if [ -n "$keep" ]; then
	mkdir -p "$keep" && tmp=$(cd "$keep" && pwd)
else
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
fi
ulimit -c 0

sel=(--seed "$seed" --per-encoding "$per" "${sel[@]}")
"$tool" gen "${sel[@]}" -o "$tmp/tests.S" 2>"$tmp/gen.err" || { cat "$tmp/gen.err"; exit 2; }
echo "seed $seed, $per per encoding: $(cat "$tmp/gen.err")"
if ! make -s --no-print-directory -C conformance/semantics OUT="$tmp" >&2; then
	echo "conformance/semantics: building the driver failed" >&2
	exit 2
fi

# Both emulators at once; a crash or timeout shows as a short output file
# (the comparison reports where it stops) plus the message here.
(timeout -k 5 "$limit" "$user" "$tmp/semantics-driver" >"$tmp/armature.out" 2>"$tmp/armature.err"
 echo $? >"$tmp/armature.rc") &
(timeout -k 5 "$limit" "$qemu" -cpu max "$tmp/semantics-driver" >"$tmp/qemu.out" 2>"$tmp/qemu.err"
 echo $? >"$tmp/qemu.rc") &
wait
for e in armature qemu; do
	rc=$(cat "$tmp/$e.rc")
	if [ "$rc" != 0 ]; then
		echo "$e: exit status $rc: $(head -c 300 "$tmp/$e.err")"
		cmp+=(--run-failed "$e")
	fi
done

"$tool" compare "${sel[@]}" "$tmp/armature.out" "$tmp/qemu.out" \
	--known conformance/semantics/known-differences.txt "${cmp[@]}"
