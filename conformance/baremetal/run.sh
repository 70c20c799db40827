#!/bin/bash
# Builds the bare-metal tests (conformance/baremetal/t_*.c, t_*.S) into
# build/baremetal/ and runs each under build/armature and under
# qemu-system-aarch64 (the oracle). A test passes on one emulator when it
# exits with status 0 and prints at least one PASS line and no FAIL line; it
# passes here only if it passes on both. A test failing on QEMU is a wrong
# test or a QEMU bug: the line says "[qemu]".
# A test runs on -M virt with EL3 and EL2 (QEMU: secure=on,virtualization=on)
# unless its source has a line "BM-ARGS: ARGS" (e.g. -M virt,secure=off -smp 2),
# then both emulators get ARGS instead.
# usage: conformance/baremetal/run.sh [--all] [NAME...]
#   default: the tests listed in conformance/baremetal/check-list.txt
#   --all:   every test;  NAME...: those tests (t_ prefix optional)
# Environment: ARMATURE (default build/armature), QEMU_SYSTEM_AARCH64,
#              BM_TIMEOUT (seconds per run, default 20), BM_VERBOSE=1 (show output).
set -u
cd "$(dirname "$0")/../.." || exit 1

dir=conformance/baremetal
out=${ARMATURE_BUILD:-build}/baremetal
armature=${ARMATURE:-${ARMATURE_BUILD:-build}/armature}
qemu=${QEMU_SYSTEM_AARCH64:-qemu-system-aarch64}
limit=${BM_TIMEOUT:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

all=0
names=()
for a in "$@"; do
	case $a in
	--all) all=1 ;;
	-h | --help) sed -n '2,16s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) names+=("t_${a#t_}") ;;
	esac
done
if [ ${#names[@]} -eq 0 ]; then
	if [ $all = 1 ]; then
		for src in "$dir"/t_*.c "$dir"/t_*.S; do
			[ -e "$src" ] || continue
			n=${src##*/}
			names+=("${n%.*}")
		done
	else
		while read -r n _; do
			case $n in '' | '#'*) continue ;; esac
			names+=("$n")
		done <"$dir/check-list.txt"
	fi
fi

if ! make --no-print-directory -s -C "$dir" OUT="$PWD/$out" \
	$(printf " $PWD/$out/%s.elf" "${names[@]}") >"$tmp/build" 2>&1; then
	cat "$tmp/build"
	echo "FAIL build: the bare-metal tests do not build"
	echo "0 passed, 1 failed"
	exit 1
fi

have_qemu=1
if ! command -v "$qemu" >/dev/null 2>&1; then
	echo "qemu-system-aarch64 not found (scripts/install-deps): skipping the QEMU runs"
	have_qemu=0
fi

# verdict FILE STATUS: "" if the run passed, else why not
verdict() {
	local f=$1 rc=$2 why
	if [ "$rc" -eq 124 ]; then
		why="timeout after ${limit}s"
	elif grep -q '^FAIL' "$f"; then
		why=$(grep -m1 '^FAIL' "$f")
	elif [ "$rc" -ne 0 ]; then
		why="exit status $rc: $(grep -v '^PASS' "$f" | head -1)"
	elif ! grep -q '^PASS' "$f"; then
		why="no PASS line"
	else
		why=""
	fi
	echo "$why"
}

passed=0 failed=0
for name in "${names[@]}"; do
	elf=$out/$name.elf
	why=""
	# a test may name its machine: "BM-ARGS: -M ... -smp N" in its source,
	# given to both emulators instead of the default -M
	bmargs=$(sed -n 's/^.*BM-ARGS: *//p' "$dir/$name".[cS] 2>/dev/null | head -n 1)
	if [ -n "$bmargs" ]; then
		read -r -a a_args <<<"$bmargs"
		q_args=("${a_args[@]}")
	else
		a_args=(-M virt)
		q_args=(-M virt,gic-version=3,secure=on,virtualization=on)
	fi
	if [ ! -x "$armature" ]; then
		why="armature: $armature not found (run make)"
	else
		timeout -k 5 "$limit" "$armature" "${a_args[@]}" -cpu max -semihosting -kernel "$elf" \
			</dev/null >"$tmp/a" 2>&1
		w=$(verdict "$tmp/a" $?)
		[ -n "$w" ] && why="armature: $w"
	fi
	if [ $have_qemu = 1 ]; then
		timeout -k 5 "$limit" "$qemu" "${q_args[@]}" -cpu max \
			-nographic -nic none -semihosting -kernel "$elf" </dev/null >"$tmp/q" 2>&1
		w=$(verdict "$tmp/q" $?)
		[ -n "$w" ] && why="${why:+$why; }[qemu] $w"
	fi
	if [ "${BM_VERBOSE:-0}" = 1 ]; then
		sed 's/^/  armature| /' "$tmp/a" 2>/dev/null
		[ $have_qemu = 1 ] && sed 's/^/  qemu| /' "$tmp/q"
	fi
	if [ -z "$why" ]; then
		echo "PASS ${name#t_}"
		passed=$((passed + 1))
	else
		echo "FAIL ${name#t_}: $why"
		failed=$((failed + 1))
	fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
