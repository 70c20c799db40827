#!/bin/bash
# difftest campaign: random instruction sequences drawn from the spec, run
# under two sides (armature-user and qemu-aarch64 by default), the state
# compared after every instruction (conformance/difftest/README.md).
# usage: conformance/difftest/run.sh [--quick] [--seed S] [--instructions N]
#            [--batch B] [--length A-B] [--only GLOB]... [--max-report N]
#            [--minimise] [--keep DIR]
#   default: 10^6 instructions in batches of 4000 sequences;
#   --quick: one batch of 4000 sequences (about 4*10^4 instructions; make check)
#   --minimise: shrink the first differing sequence of each failing batch
#               into conformance/regress/<spec id>.seq
# Environment: DIFFTEST_SIDE_A/DIFFTEST_SIDE_B/DIFFTEST_NAMES (sides.sh).
# Ends with "N passed, M failed" (instructions; exit status 1 if M > 0).
set -u
cd "$(dirname "$0")/../.." || exit 2
build=${ARMATURE_BUILD:-build}
tool=$build/armature-difftest
seed=1 insns=1000000 batch=4000 keep= minimise= maxrep=5 sel=()
names=${DIFFTEST_NAMES:-armature,qemu}
while [ $# -gt 0 ]; do
	case $1 in
	--quick) insns=40000 ;;
	--seed) seed=$2; shift ;;
	--instructions) insns=$2; shift ;;
	--batch) batch=$2; shift ;;
	--length) sel+=(--length "$2"); shift ;;
	--only) sel+=(--only "$2"); shift ;;
	--max-report) maxrep=$2; shift ;;
	--minimise) minimise=1 ;;
	--keep) keep=$2; shift ;;
	-h | --help) sed -n '2,16s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
	esac
	shift
done
for f in "$tool" "$build/armature-user"; do
	[ -x "$f" ] || { echo "$f not built: run 'make all' first" >&2; exit 2; }
done
if [ -n "$keep" ]; then
	mkdir -p "$keep" && tmp=$(cd "$keep" && pwd)
else
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
fi
excl=()
[ -z "${DIFFTEST_SIDE_B:-}" ] && excl=(--exclude-file conformance/difftest/exclude-qemu.txt)
known=(--known conformance/semantics/known-differences.txt)

# one batch after the other; the totals and the per-group table add up
first=0 done_insns=0 nb=0
: >"$tmp/all.txt"
while [ "$done_insns" -lt "$insns" ]; do
	"$tool" gen --seed "$seed" --first "$first" --sequences "$batch" "${sel[@]}" "${excl[@]}" \
		-o "$tmp/seqs.S" --seq-out "$tmp/seqs.seq" 2>"$tmp/gen.err" || { cat "$tmp/gen.err"; exit 2; }
	conformance/difftest/sides.sh "$tmp" || exit 2
	"$tool" compare "$tmp/a.trace" "$tmp/b.trace" --names "$names" "${known[@]}" \
		--max-report "$maxrep" >"$tmp/cmp.txt"
	rc=$?
	n=$(sed -n 's/^total  *\([0-9]*\) .*/\1/p' "$tmp/cmp.txt")
	done_insns=$((done_insns + ${n:-0}))
	[ "${n:-0}" -gt 0 ] || { cat "$tmp/cmp.txt"; echo "run.sh: no instruction compared" >&2; exit 2; }
	nb=$((nb + 1))
	cat "$tmp/cmp.txt" >>"$tmp/all.txt"
	if [ $rc -ne 0 ]; then
		sed '/^group /,$d' "$tmp/cmp.txt"
		if [ -n "$minimise" ]; then
			q=$(sed -n "s/^sequence \([0-9]*\):$/\1/p" "$tmp/cmp.txt" | head -1)
			if [ -n "$q" ]; then
				awk -v q="$q" '/^seq /{n++} n==q+1' "$tmp/seqs.seq" >"$tmp/one.seq"
				mkdir -p "$tmp/min"
				"$tool" minimise "$tmp/one.seq" --runner conformance/difftest/sides.sh --dir "$tmp/min" \
					--names "$names" "${known[@]}" --regress conformance/regress
			fi
		fi
	fi
	printf '\rbatch %d: sequences %d-%d, %d instructions compared' "$nb" "$first" \
		$((first + batch - 1)) "$done_insns" >&2
	first=$((first + batch))
done
echo >&2
echo "seed $seed: $nb batches of $batch sequences"
# the per-group table, the known differences and the counts, summed over the batches
awk '
/^group / { intab = 1; next }
intab && /^total / { intab = 0; next }
intab { if (!($1 in c)) order[ng++] = $1; c[$1] += $2; d[$1] += $3; x[$1] += $4; next }
/^known differences/ { inknown = 1; next }
inknown && /^ *[0-9]+  line / { n = $1; sub(/^ *[0-9]+  /, ""); if (!($0 in k)) korder[nk++] = $0; k[$0] += n; next }
{ inknown = 0 }
/^[0-9]+ passed, [0-9]+ failed$/ { p += $1; f += $3 }
END {
	printf "%-10s %12s %12s %12s\n", "group", "compared", "differences", "explained"
	for (i = 0; i < ng; i++) {
		g = order[i]; printf "%-10s %12d %12d %12d\n", g, c[g], d[g], x[g]
		tc += c[g]; td += d[g]; tx += x[g]
	}
	printf "%-10s %12d %12d %12d\n", "total", tc, td, tx
	if (nk) print "known differences (reported separately; each ends its sequence):"
	for (i = 0; i < nk; i++) printf "  %6d  %s\n", k[korder[i]], korder[i]
	printf "%d passed, %d failed\n", p, f
	exit f > 0
}' "$tmp/all.txt"
