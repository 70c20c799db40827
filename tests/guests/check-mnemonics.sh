#!/bin/bash
# Fails if a guest binary holds an instruction outside the first slice.
# usage: check-mnemonics.sh BINARY ALLOWED-LIST
# Every mnemonic objdump prints must be in the list (objdump prints aliases, so
# the list names them), and no operand may name an FP/SIMD register: LDR/STR/MOV
# of q/d/s/h/v registers share mnemonics with the slice but are other encodings.
set -euo pipefail
bin=$1 list=$2
objdump=${GUEST_OBJDUMP:-aarch64-linux-gnu-objdump}
name=${bin%.tmp}
name=${name##*/}

allowed=$(grep -v '^[[:space:]]*\(#\|$\)' "$list" | tr -s ' \t' '\n' | sort -u)
# Lines look like "  400078:\tmov\tx0, #0x0" with --no-show-raw-insn.
# Skipped: data in code (literal pools, printed as .word/.short/.byte under
# the $d mapping symbol) and "udf #0", the zero word gas pads a literal pool
# with (GCC itself never emits UDF: __builtin_trap is BRK).
insns=$("$objdump" -d --no-show-raw-insn "$bin" |
	awk -F'\t' '/^ *[0-9a-f]+:\t/ { gsub(/ /, "", $2); if ($2 !~ /^\./ && !($2 == "udf" && $3 ~ /^#0$/)) print $2 "\t" $3 }')

bad_mn=$(cut -f1 <<<"$insns" | sort -u | comm -23 - <(echo "$allowed") || true)
bad_fp=$(awk -F'\t' '$2 ~ /(^|[^[:alnum:]_])[vqdshb][0-9][0-9]?([^[:alnum:]_]|$)/ { print $1 " " $2 }' <<<"$insns" | sort -u || true)
# Guests that exercise SIMD&FP on purpose may name its registers; their
# mnemonics are still checked against the list.
fp_guests="simd crypto"
for g in $fp_guests; do
	[ "$name" = "$g" ] && bad_fp=""
done

if [ -n "$bad_mn" ] || [ -n "$bad_fp" ]; then
	echo "error: guest '$name' uses instructions outside the first slice:" >&2
	for m in $bad_mn; do
		n=$(awk -F'\t' -v m="$m" '$1 == m' <<<"$insns" | wc -l)
		ex=$(awk -F'\t' -v m="$m" '$1 == m { print $1 " " $2; exit }' <<<"$insns")
		echo "  $m ($n times, e.g. '$ex')" >&2
	done
	if [ -n "$bad_fp" ]; then
		echo "  FP/SIMD register operands:" >&2
		sed 's/^/    /' <<<"$bad_fp" >&2
	fi
	echo "  (allowed: $list; see '$objdump -d $bin')" >&2
	exit 1
fi
