#!/bin/bash
# Tests of the difftest tool itself (conformance/difftest/README.md):
#  1. the trace header is the one docs/trace-format.md describes;
#  2. a deliberate difference is found: the second side is qemu-aarch64
#     with its trace mutated (bit 0 of Xd flipped after every ADD (shifted
#     register), 64-bit) -- a short campaign must report differences at
#     ADD_64_addsub_shift and at nothing else;
#  3. the minimiser shrinks the first differing sequence to one or two
#     instructions ending in that ADD and writes <spec id>.seq;
#  4. that regression replays clean against the unmutated side and still
#     differs against the mutated one (conformance/regress/run.sh).
# With --broken-spec the broken side is Armature itself, built from a
# scratch copy of the tree whose CLS page counts one too many (a few
# minutes: a whole build; not in make check); 2-4 are the same.
# Ends with "N passed, M failed".
set -u
cd "$(dirname "$0")/../.." || exit 2
build=${ARMATURE_BUILD:-build}
tool=$build/armature-difftest
tmp=$(mktemp -d)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

# the broken side
if [ "${1:-}" = --broken-spec ]; then
	# CLS: the driver and the image's setup code never use it (an ADD
	# broken this way crashes the driver itself)
	expect='CLS_*_dp_1src'
	mkdir -p "$tmp/tree"
	git archive HEAD | tar -x -C "$tmp/tree"
	page=$tmp/tree/spec/a64/dpreg/CLS_int.xml
	sed -i "s/integer result = CountLeadingSignBits(operand1);/integer result = CountLeadingSignBits(operand1) + 1;/" "$page"
	grep -q "(operand1) + 1;" "$page" || { echo "FAIL: cannot break $page"; echo "0 passed, 1 failed"; exit 1; }
	echo "building the broken Armature in $tmp/tree (a few minutes)"
	make -s -C "$tmp/tree" -j2 build/armature-user >"$tmp/build.log" 2>&1 || { tail "$tmp/build.log"; exit 2; }
	broken=(DIFFTEST_SIDE_A="$tmp/tree/build/armature-user")
else
	# qemu with its trace mutated: ADD Xd, Xn, Xm{, shift} is sf=1 op=0 S=0 01011 sh 0
	expect='ADD_64_addsub_shift'
	cat >"$tmp/mutated-qemu.sh" <<EOS
#!/bin/bash
qemu-aarch64 -cpu max "\$1" | "$PWD/$tool" mutate --bits ff200000/8b000000 --xor-rd 1
EOS
	chmod +x "$tmp/mutated-qemu.sh"
	broken=(DIFFTEST_SIDE_B="$tmp/mutated-qemu.sh")
fi
known=(--known conformance/semantics/known-differences.txt)

# 0. exclude-qemu.txt keeps whole encodings and single words (DC CVAP) out
"$tool" gen --seed 3 --sequences 2000 --only system --only dpreg -o /dev/null --seq-out "$tmp/all.seq" 2>/dev/null
"$tool" gen --seed 3 --sequences 2000 --only system --only dpreg --exclude-file conformance/difftest/exclude-qemu.txt \
	-o /dev/null --seq-out "$tmp/excl.seq" 2>/dev/null
pat='dc cvap|dc cvadp|_dp_2src  # [su](max|min) '
if [ "$(grep -cE "$pat" "$tmp/all.seq")" -gt 0 ] && [ "$(grep -cE "$pat" "$tmp/excl.seq")" = 0 ]; then
	ok "exclude-qemu.txt: no DC CVAP/CVADP, no FEAT_CSSC [SU]MAX/MIN drawn"
else
	bad "exclude-qemu.txt: $(grep -cE "$pat" "$tmp/all.seq") drawn without it, $(grep -cE "$pat" "$tmp/excl.seq") with it"
fi

# 1. a campaign image over the data-processing groups, both sides plain
mkdir -p "$tmp/c"
"$tool" gen --seed 7 --sequences 300 --only dpreg --only dpimm --exclude-file conformance/difftest/exclude-qemu.txt \
	-o "$tmp/c/seqs.S" --seq-out "$tmp/c/seqs.seq" 2>/dev/null
conformance/difftest/sides.sh "$tmp/c"
hdr=$(od -A n -t x1 -N 20 "$tmp/c/a.trace" | tr -d ' \n')
# "ARMTRACE", version 1, header size 64, record size 864 (docs/trace-format.md)
if [ "$hdr" = 41524d5452414345010000004000000060030000 ]; then
	ok "trace header: magic ARMTRACE, version 1, 64-byte header, 864-byte records"
else
	bad "trace header: $hdr"
fi
if "$tool" compare "$tmp/c/a.trace" "$tmp/c/b.trace" "${known[@]}" >"$tmp/plain.txt"; then
	ok "armature vs qemu on the campaign: $(tail -n 1 "$tmp/plain.txt")"
else
	bad "armature vs qemu on the campaign differs:"; cat "$tmp/plain.txt"
fi

# 2. the same image against the mutated side
env "${broken[@]}" conformance/difftest/sides.sh "$tmp/c"
"$tool" compare "$tmp/c/a.trace" "$tmp/c/b.trace" "${known[@]}" --max-report 1000 >"$tmp/mut.txt"
ids=$(sed -n 's/^  > .*\[\(.*\)\]$/\1/p' "$tmp/mut.txt" | sort -u | tr '\n' ' ')
ndiff=$(sed -n 's/^sequences: .*, \([0-9]*\) differing$/\1/p' "$tmp/mut.txt")
other=$(echo "$ids" | tr ' ' '\n' | grep . | grep -v "^${expect//\*/.*}\$")
if [ -n "$ids" ] && [ -z "$other" ] && [ "${ndiff:-0}" -gt 0 ]; then
	ok "the injected difference is found: $ndiff sequences differ, all at $ids"
else
	bad "the injected difference: differing at '$ids' ($ndiff sequences)"; head -40 "$tmp/mut.txt"
fi

# 3. minimise the first differing sequence
q=$(sed -n "s/^sequence \([0-9]*\):$/\1/p" "$tmp/mut.txt" | head -1)
awk -v q="${q:-0}" '/^seq /{n++} n==q+1' "$tmp/c/seqs.seq" >"$tmp/one.seq"
mkdir -p "$tmp/min" "$tmp/regress"
env "${broken[@]}" "$tool" minimise "$tmp/one.seq" --runner conformance/difftest/sides.sh \
	--dir "$tmp/min" "${known[@]}" --regress "$tmp/regress" >"$tmp/min.txt" 2>&1
f=$(ls "$tmp"/regress/*.seq 2>/dev/null | head -1)
n=$(grep -c '^i ' "$f" 2>/dev/null)
last=$(grep '^i ' "$f" 2>/dev/null | tail -n 1 | awk '{print $3}')
# shellcheck disable=SC2053 # $expect is a glob
if [ -f "$f" ] && [ "${n:-0}" -ge 1 ] && [ "${n:-0}" -le 2 ] && [[ $last == $expect ]] && [ "$(basename "$f")" = "$last.seq" ]; then
	ok "minimised from $(grep -c '^i ' "$tmp/one.seq") to $n instruction(s), written as $(basename "$f")"
else
	bad "minimiser: $(tail -n 3 "$tmp/min.txt")"; cat "$f" 2>/dev/null
fi

# 4. the regression replays: clean against qemu, differing against the mutated side
mkdir -p "$tmp/r"
"$tool" image "$f" -o "$tmp/r/seqs.S" && conformance/difftest/sides.sh "$tmp/r"
if "$tool" compare "$tmp/r/a.trace" "$tmp/r/b.trace" "${known[@]}" >"$tmp/r.txt"; then
	ok "the regression passes against qemu-aarch64"
else
	bad "the regression against qemu-aarch64:"; cat "$tmp/r.txt"
fi
env "${broken[@]}" conformance/difftest/sides.sh "$tmp/r"
if ! "$tool" compare "$tmp/r/a.trace" "$tmp/r/b.trace" "${known[@]}" >"$tmp/r.txt" &&
	grep -q '^sequences: 0 identical, 0 ending in a known difference, 1 differing$' "$tmp/r.txt"; then
	ok "the regression differs against the broken side"
else
	bad "the regression does not catch the broken side"
fi
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
