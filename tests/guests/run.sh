#!/bin/bash
# Runs every guest program under build/armature-user and under qemu-aarch64 and
# compares each run's stdout and exit status with tests/guests/<name>.expected
# and <name>.status (a number, or "signal N" for death by signal N).
# Both must match, so the two emulators agree with each other as well.
# usage: tests/guests/run.sh [NAME...]   (from anywhere; default: every guest)
# Environment: ARMATURE_USER, QEMU_AARCH64 override the two emulators,
#              GUEST_TIMEOUT (seconds, default 30).
set -u
cd "$(dirname "$0")/../.." || exit 1

user=${ARMATURE_USER:-${ARMATURE_BUILD:-build}/armature-user}
qemu=${QEMU_AARCH64:-qemu-aarch64}
limit=${GUEST_TIMEOUT:-30}
dir=tests/guests
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ulimit -c 0			# qemu-aarch64 dumps core for a guest's fatal signal

if [ $# -gt 0 ]; then
	names=("$@")
else
	names=()
	for src in "$dir"/*.S "$dir"/*.c "$dir"/glibc/*.c; do
		[ -e "$src" ] || continue
		n=${src##*/}
		names+=("${n%.*}")
	done
fi

have_qemu=1
if ! command -v "$qemu" >/dev/null 2>&1; then
	echo "qemu-aarch64 not found: skipping the QEMU comparison"
	have_qemu=0
fi

passed=0 failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }

# describe STATUS: "exit 3", "signal 4" or "timeout"
describe() {
	if [ "$1" -eq 124 ]; then echo "timeout after ${limit}s"
	elif [ "$1" -gt 128 ]; then echo "signal $(($1 - 128))"
	else echo "exit $1"; fi
}

# check LABEL NAME EMULATOR...: run build/guests/NAME under EMULATOR, compare.
check() {
	local label=$1 name=$2
	shift 2
	local bin=build/guests/$name exp=$dir/$name.expected stf=$dir/$name.status
	local args=() want got rc
	if [ ! -f "$exp" ] || [ ! -f "$stf" ]; then
		fail "$label" "missing $exp or $stf"; return
	fi
	if [ ! -x "$bin" ]; then
		fail "$label" "$bin not built (make -C tests/guests all)"; return
	fi
	[ -f "$dir/$name.args" ] && read -r -a args <"$dir/$name.args"
	# The subshell keeps bash's "Illegal instruction" job report out of our output.
	(timeout -k 5 "$limit" "$@" "$bin" "${args[@]}" </dev/null >"$tmp/out" 2>"$tmp/err"; exit $?) 2>/dev/null
	rc=$?
	want=$(tr -d '[:space:]' <"$stf")
	case $want in
	signal*) want="signal ${want#signal}" ;;
	*) want="exit $want" ;;
	esac
	got=$(describe "$rc")
	if ! cmp -s "$tmp/out" "$exp"; then
		local line
		line=$(diff "$exp" "$tmp/out" | head -1)
		fail "$label" "stdout differs from $exp (diff: $line; $got; stderr: $(head -c 200 "$tmp/err" | head -1))"
	elif [ "$got" != "$want" ]; then
		fail "$label" "$got, expected $want (stderr: $(head -c 200 "$tmp/err" | head -1))"
	else
		pass "$label"
	fi
}

# same_twice NAME: two armature-user runs make the same system calls in the
# same order from the same threads (guests with NAME.deterministic: guest
# threads interleave the same way every run). Thread ids, which come from
# the host pid, are the only numbers masked.
same_twice() {
	local name=$1 bin=build/guests/$1 i
	for i in 1 2; do
		(timeout -k 5 "$limit" "$user" -strace "$bin" </dev/null >/dev/null 2>"$tmp/trace$i"; exit 0) 2>/dev/null
		sed -E -i 's/[0-9]{4,}/N/g' "$tmp/trace$i"
	done
	if [ ! -s "$tmp/trace1" ]; then
		fail "$name [same interleaving twice]" "no -strace output"
	elif ! cmp -s "$tmp/trace1" "$tmp/trace2"; then
		fail "$name [same interleaving twice]" "the traces differ: $(diff "$tmp/trace1" "$tmp/trace2" | sed -n 2p | cut -c1-120)"
	else
		pass "$name [same interleaving twice]"
	fi
}

for name in "${names[@]}"; do
	if [ -x "$user" ]; then
		check "$name" "$name" "$user"
		[ -f "$dir/$name.deterministic" ] && same_twice "$name"
	else
		fail "$name" "$user not found (run make)"
	fi
	[ $have_qemu = 1 ] && check "$name [qemu]" "$name" "$qemu"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
