#!/bin/bash
# Static glibc programs (tests/glibc/*.c, aarch64-linux-gnu-gcc -O2 -static)
# under armature-user and qemu-aarch64: each must print its .expected
# output (written by hand) and exit 0 under both. Ends with "N passed, M failed".
set -u
cd "$(dirname "$0")/../.." || exit 1
build=${ARMATURE_BUILD:-build}
out=$build/glibc
mkdir -p "$out"
cc=${GUEST_CC:-aarch64-linux-gnu-gcc}
qemu=${QEMU_AARCH64:-qemu-aarch64}
pass=0 fail=0
for src in tests/glibc/*.c; do
	name=$(basename "$src" .c)
	bin=$out/$name
	if ! "$cc" -O2 -static -o "$bin" "$src" -lm; then
		echo "FAIL $name: does not build"
		fail=$((fail + 1))
		continue
	fi
	for side in armature qemu; do
		if [ $side = armature ]; then
			"$build/armature-user" "$bin" >"$out/$name.$side.out" 2>"$out/$name.$side.err"
		else
			"$qemu" -cpu max "$bin" >"$out/$name.$side.out" 2>"$out/$name.$side.err"
		fi
		rc=$?
		if [ $rc -eq 0 ] && cmp -s "$out/$name.$side.out" "tests/glibc/$name.expected"; then
			pass=$((pass + 1))
		else
			echo "FAIL $name under $side (exit status $rc):"
			diff "tests/glibc/$name.expected" "$out/$name.$side.out" | head -20
			head -5 "$out/$name.$side.err"
			fail=$((fail + 1))
		fi
	done
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
