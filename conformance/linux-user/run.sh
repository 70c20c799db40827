#!/bin/bash
# Real Debian arm64 programs under build/armature-user and qemu-aarch64:
# each case of conformance/linux-user/cases.txt runs under both, in fresh
# identical directories, and passes when stdout, stderr and exit status
# are the same. The packages come from fetch.sh; when they cannot be
# fetched, the run is skipped (one line saying why, then "0 passed, 0 failed").
# usage: conformance/linux-user/run.sh [--quick] [NAME...]
#   --quick: only the cases tagged quick (make check)
# Environment: ARMATURE_USER, QEMU_AARCH64, LU_TIMEOUT (seconds, default 60),
#              LU_VERBOSE=1 (show diffs).
set -u
cd "$(dirname "$0")/../.." || exit 1
dir=conformance/linux-user
user=${ARMATURE_USER:-${ARMATURE_BUILD:-build}/armature-user}
qemu=${QEMU_AARCH64:-qemu-aarch64}
limit=${LU_TIMEOUT:-60}
case $user in /*) ;; *) user=$PWD/$user ;; esac

quick=0
names=()
for a in "$@"; do
	case $a in
	--quick) quick=1 ;;
	-h | --help) sed -n '2,11s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) names+=("$a") ;;
	esac
done

done_line() { echo "$1 passed, $2 failed"; }
if ! command -v "$qemu" >/dev/null 2>&1; then
	echo "linux-user conformance skipped: $qemu not found"
	done_line 0 0
	exit 0
fi
if [ ! -x "$user" ]; then
	echo "FAIL: $user not built (make all)"
	done_line 0 1
	exit 1
fi
root=$("$dir/fetch.sh")
if [ $? -ne 0 ]; then
	echo "linux-user conformance $root"
	done_line 0 0
	exit 0
fi
case $root in /*) ;; *) root=$PWD/$root ;; esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ulimit -c 0

# The inputs every case may read.
make_inputs() {
	mkdir -p "$1/dir/sub"
	printf 'alpha:one:1\nbeta:two:2\ngamma:three:3\nall:four:4\n' >"$1/in.txt"
	for i in $(seq 1 400); do echo "word$((i * 7919 % 1000)) line $i"; done >"$1/words.txt"
	printf '5\n3\n10\n3\n7\n-2\n100\n' >"$1/nums.txt"
	echo 'int main(void) { return 0; }' >"$1/dir/a.c"
	echo 'text' >"$1/dir/b.txt"
	echo 'nested' >"$1/dir/sub/c.c"
	touch -d '2020-01-01 00:00:00' "$1"/dir/sub/* "$1"/dir/* "$1"/*.txt "$1"/dir
}

# qemu-aarch64 cannot execve a guest program without binfmt_misc, so a
# busybox shell under it would fall back to the host's tools on PATH. For
# the qemu runs, PATH starts with one wrapper per applet that runs the guest
# busybox under qemu (armature-user's execve runs guest programs itself).
qbin=$tmp/qemu-bin
mkdir -p "$qbin"
if [ -x "$root/bin/busybox" ]; then
	for a in $("$qemu" "$root/bin/busybox" --list 2>/dev/null); do
		printf '#!/bin/sh\nexec "%s" "%s" %s "$@"\n' "$qemu" "$root/bin/busybox" "$a" >"$qbin/$a"
		chmod +x "$qbin/$a"
	done
fi

# run_one EMU WORKDIR PROG ARGS... -> $tmp/<label>.{out,err,rc,time}
run_one() {
	local label=$1 emu=$2 work=$3 prog=$4
	shift 4
	local extra=()
	# dynamic programs need the sysroot; harmless for static ones
	extra=(-L "$root")
	rm -rf "$work"
	mkdir -p "$work"
	make_inputs "$work"
	local t0 t1
	t0=$(date +%s.%N)
	local path=$PATH
	[ "$label" = qemu ] && path=$qbin:$PATH
	(cd "$work" && PATH=$path LC_ALL=C TZ=UTC timeout -k 5 "$limit" "$emu" "${extra[@]}" "$root$prog" "$@" \
		</dev/null >"$tmp/$label.out" 2>"$tmp/$label.err"; echo $? >"$tmp/$label.rc") 2>/dev/null
	t1=$(date +%s.%N)
	echo "$t0 $t1" | awk '{ printf "%.2f", $2 - $1 }' >"$tmp/$label.time"
	# the emulator's own name in messages is not the program's behaviour
	sed -i "s|$root||g; s|$work|WORK|g" "$tmp/$label.out" "$tmp/$label.err"
}

passed=0 failed=0
tu=0 tq=0
while IFS= read -r line; do
	case $line in '' | \#*) continue ;; esac
	head=${line%%:*}
	cmd=${line#*:}
	read -r name tag <<<"$head"
	[ $quick = 1 ] && [ "$tag" != quick ] && continue
	if [ ${#names[@]} -gt 0 ]; then
		hit=0
		for n in "${names[@]}"; do [ "$n" = "$name" ] && hit=1; done
		[ $hit = 0 ] && continue
	fi
	eval "words=($cmd)"
	run_one user "$user" "$tmp/wu" "${words[@]}"
	run_one qemu "$qemu" "$tmp/wq" "${words[@]}"
	# the directory a case leaves behind is part of its result
	(cd "$tmp/wu" && find . -type f | sort | xargs -r md5sum) >"$tmp/user.files"
	(cd "$tmp/wq" && find . -type f | sort | xargs -r md5sum) >"$tmp/qemu.files"
	why=""
	if ! cmp -s "$tmp/user.rc" "$tmp/qemu.rc"; then
		why="exit status $(cat "$tmp/user.rc") vs qemu $(cat "$tmp/qemu.rc")"
	elif ! cmp -s "$tmp/user.out" "$tmp/qemu.out"; then
		why="stdout differs: $(diff "$tmp/qemu.out" "$tmp/user.out" | sed -n 2p | cut -c1-120)"
	elif ! cmp -s "$tmp/user.err" "$tmp/qemu.err"; then
		why="stderr differs: $(diff "$tmp/qemu.err" "$tmp/user.err" | sed -n 2p | cut -c1-160)"
	elif ! cmp -s "$tmp/user.files" "$tmp/qemu.files"; then
		why="files left behind differ"
	fi
	times="armature $(cat "$tmp/user.time")s, qemu $(cat "$tmp/qemu.time")s"
	tu=$(echo "$tu $(cat "$tmp/user.time")" | awk '{ print $1 + $2 }')
	tq=$(echo "$tq $(cat "$tmp/qemu.time")" | awk '{ print $1 + $2 }')
	if [ -z "$why" ]; then
		echo "PASS $name ($times)"
		passed=$((passed + 1))
	else
		echo "FAIL $name: $why ($times)"
		if [ "${LU_VERBOSE:-0}" = 1 ]; then
			diff "$tmp/qemu.out" "$tmp/user.out" | head -10
			head -5 "$tmp/user.err"
		fi
		failed=$((failed + 1))
	fi
done <"$dir/cases.txt"
echo "total time: armature ${tu}s, qemu ${tq}s"
done_line $passed $failed
[ $failed -eq 0 ]
