#!/bin/bash
# `make bench`: fixed workloads under armature-user, under qemu-aarch64 and
# natively (an x86-64 build of the same program where one exists), several
# repetitions each, interleaved; prints a table of median wall time, guest
# instruction count (armature-user -stats), guest MIPS, the ratios
# Armature/QEMU and Armature/native, and peak RSS (bench/runone), and writes
# it with the machine description into docs/benchmarks.md between the
# "bench:results" markers (only when every workload ran).
# usage: bench/run.sh [WORKLOAD...]     (default: all; -l lists them)
# Environment:
#   BENCH_SIZE     size of the text input (gzip, sha256sum, md5sum), e.g.
#                  512K, 4M (default), 32M (the sizes of issue 9); the compute
#                  workloads scale with it (4M = scale 1)
#   BENCH_REPS     repetitions per runner, the median is reported (default 3)
#   BENCH_TIMEOUT  seconds allowed for one run (default 120 x the scale, at
#                  least 120); a run over it is reported as "timeout"
#   BENCH_DOC      the file to update (default docs/benchmarks.md; "-": none)
#   ARMATURE_USER, QEMU_AARCH64, GUEST_CC (aarch64-linux-gnu-gcc), HOST_CC (gcc)
set -u
cd "$(dirname "$0")/.." || exit 1
top=$PWD
build=${ARMATURE_BUILD:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
out=$build/bench
user=${ARMATURE_USER:-$build/armature-user}
qemu=${QEMU_AARCH64:-qemu-aarch64}
guest_cc=${GUEST_CC:-aarch64-linux-gnu-gcc}
host_cc=${HOST_CC:-gcc}
reps=${BENCH_REPS:-3}
size_arg=${BENCH_SIZE:-4M}
doc=${BENCH_DOC:-docs/benchmarks.md}
case $user in /*) ;; *) user=$top/$user ;; esac

die() { echo "bench: $*" >&2; exit 1; }

# ---------------------------------------------------------------- workloads
# name : what it runs (the table's second column)
workloads=(
	"gzip:busybox gzip -9 of the text"
	"sha256sum:busybox sha256sum of the text"
	"md5sum:busybox md5sum of the text"
	"awk-fp:busybox awk floating-point loop"
	"lua:lua5.4 bench/bench.lua"
	"c-crc32:C suite: CRC-32, table-driven"
	"c-sort:C suite: quicksort + merge sort"
	"c-matmul:C suite: matrix multiply, double"
	"c-bytecode:C suite: bytecode interpreter"
	"c-strings:C suite: string processing"
)

names=()
for a in "$@"; do
	case $a in
	-h | --help) sed -n '2,/^set -u/{/^set -u/d;s/^# \{0,1\}//p}' "$0"; exit 0 ;;
	-l | --list) printf '%s\n' "${workloads[@]}" | sed 's/:/\t/'; exit 0 ;;
	*) names+=("$a") ;;
	esac
done
if [ ${#names[@]} -gt 0 ]; then
	for n in "${names[@]}"; do
		printf '%s\n' "${workloads[@]}" | grep -q "^$n:" || die "no workload '$n' (bench/run.sh -l)"
	done
fi

[[ $reps =~ ^[1-9][0-9]*$ ]] || die "BENCH_REPS must be a positive integer, not '$reps'"
size=$(numfmt --from=iec "$size_arg" 2>/dev/null) && [ "$size" -gt 0 ] ||
	die "BENCH_SIZE must be a size such as 4M or 32M, not '$size_arg'"
scale=$(awk -v s="$size" 'BEGIN { printf "%.6g", s / 4194304 }')
timeout=${BENCH_TIMEOUT:-$(awk -v s="$scale" 'BEGIN { t = 120 * s; printf "%d", t < 120 ? 120 : t }')}
[ -x "$user" ] || die "$user not built (make build/armature-user)"

# ---------------------------------------------------------------- tools, inputs
mkdir -p "$out/work" || die "cannot create $out"
# A copy of armature-user, so a rebuild during the run cannot mix binaries.
cp "$user" "$out/armature-user" || die "cannot copy $user"
armature=$out/armature-user

build_host() { # OUTPUT SOURCES...: host tools of the benchmark
	local o=$1
	shift
	"$host_cc" -O2 -Wall -Wextra -Werror -o "$o" "$@" || die "cannot build $o"
}
build_host "$out/runone" bench/runone.c
build_host "$out/gentext" bench/gentext.c

# The C suite for both architectures, the same source and options.
csrc=(bench/csuite/*.c)
csuite_guest=$out/csuite-aarch64
csuite_native=$out/csuite-native
if command -v "$guest_cc" >/dev/null 2>&1; then
	"$guest_cc" -O2 -static -Wall -Wextra -Werror -o "$csuite_guest" "${csrc[@]}" -lm ||
		die "cannot build $csuite_guest"
else
	csuite_guest=
fi
"$host_cc" -O2 -static -Wall -Wextra -Werror -o "$csuite_native" "${csrc[@]}" -lm ||
	die "cannot build $csuite_native"

# The Debian packages: busybox and lua5.4 for arm64 (and the host).
sysroot=$(bench/fetch.sh)
if [ $? -ne 0 ]; then
	pkg_skip=${sysroot#skipped: }
	sysroot=
else
	pkg_skip=
fi
native_root=$(dirname "${sysroot:-/nonexistent}")/native
native_busybox=
[ -x "$native_root/bin/busybox" ] && native_busybox=$native_root/bin/busybox
native_lua=
native_lua_env=()
if command -v lua5.4 >/dev/null 2>&1; then
	native_lua=$(command -v lua5.4)
elif [ -x "$native_root/usr/bin/lua5.4" ]; then
	native_lua=$native_root/usr/bin/lua5.4
	native_lua_env=(env "LD_LIBRARY_PATH=$(dirname "$(find "$native_root" -name 'liblua5.4.so.0' | head -1)")")
fi

# The text input: deterministic, from bench/gentext.c and a fixed seed.
text=$out/text-$size_arg.txt
if [ ! -s "$text" ] || [ "$(stat -c %s "$text")" != "$size" ] || [ bench/gentext.c -nt "$text" ]; then
	"$out/gentext" "$size" >"$text.tmp" && mv "$text.tmp" "$text" || die "cannot write $text"
fi
work=$out/work
ln -sf "$text" "$work/text.txt"
cp bench/bench.lua "$work/bench.lua"
awk_n=$(awk -v s="$scale" 'BEGIN { n = int(40000 * s); print n < 1 ? 1 : n }')
awk_prog='BEGIN { n = '$awk_n'; s = 0; x = 0.5
  for (i = 1; i <= n; i++) { s += 1.0 / (i * i) - 0.5 / (i + 0.25); x = x * 3.7 * (1 - x) }
  printf "%.12f %.12f\n", s, x }'

# guest_cmd NAME -> cmd=(guest program and arguments), needs_L=0|1; sets why
# (the reason) and returns 1 when the workload cannot run here
guest_cmd() {
	needs_L=0
	case $1 in
	c-*)
		[ -n "$csuite_guest" ] || { why="$guest_cc not found"; return 1; }
		cmd=("$csuite_guest" "${1#c-}" "$scale")
		return 0 ;;
	esac
	[ -n "$sysroot" ] || { why=$pkg_skip; return 1; }
	case $1 in
	gzip) cmd=("$sysroot/bin/busybox" gzip -9 -c text.txt) ;;
	sha256sum | md5sum) cmd=("$sysroot/bin/busybox" "$1" text.txt) ;;
	awk-fp) cmd=("$sysroot/bin/busybox" awk "$awk_prog") ;;
	lua) cmd=("$sysroot/usr/bin/lua5.4" bench.lua "$scale"); needs_L=1 ;;
	esac
}

# native_cmd NAME -> cmd=(...), or returns 1 with why
native_cmd() {
	case $1 in
	c-*) cmd=("$csuite_native" "${1#c-}" "$scale") ;;
	lua)
		[ -n "$native_lua" ] || { why="no host lua5.4"; return 1; }
		cmd=("${native_lua_env[@]}" "$native_lua" bench.lua "$scale") ;;
	*)
		[ -n "$native_busybox" ] || { why="no host busybox"; return 1; }
		guest_cmd "$1" || return 1
		cmd=("$native_busybox" "${cmd[@]:1}") ;;
	esac
}

have_qemu=1
command -v "$qemu" >/dev/null 2>&1 || have_qemu=0

# run RUNNER NAME -> appends "STATUS WALL RSS" to $res/NAME.RUNNER, keeps
# the last stdout/stderr in $res/NAME.RUNNER.{out,err}
run() {
	local runner=$1 name=$2 pre=()
	case $runner in
	armature | qemu)
		guest_cmd "$name" || return 1
		local emu=$armature
		[ "$runner" = qemu ] && emu=$qemu
		pre=("$emu")
		[ "$runner" = armature ] && pre+=(-stats)
		[ $needs_L = 1 ] && pre+=(-L "$sysroot") ;;
	native) native_cmd "$name" || return 1 ;;
	esac
	(cd "$work" && LC_ALL=C "$out/runone" "$timeout" "$res/$name.$runner.out" "$res/$name.$runner.err" \
		"${pre[@]}" "${cmd[@]}") >>"$res/$name.$runner" ||
		echo "error 0 0" >>"$res/$name.$runner" # runone itself could not run it
}

res=$(mktemp -d)
trap 'rm -rf "$res"' EXIT

# ---------------------------------------------------------------- measuring
runners=(armature qemu native)
selected=()
for w in "${workloads[@]}"; do
	n=${w%%:*}
	if [ ${#names[@]} -gt 0 ] && ! printf '%s\n' "${names[@]}" | grep -qx "$n"; then
		continue
	fi
	selected+=("$w")
done

load=$(cut -d' ' -f1-3 /proc/loadavg)
echo "bench: ${#selected[@]} workloads, text $size_arg (scale $scale), $reps repetitions, timeout ${timeout}s per run"
for w in "${selected[@]}"; do
	n=${w%%:*}
	for r in "${runners[@]}"; do
		: >"$res/$n.$r"
		why=
		if [ "$r" = qemu ] && [ $have_qemu = 0 ]; then
			echo "skip: $qemu not found" >"$res/$n.$r.skip"
		elif [ "$r" = native ]; then
			native_cmd "$n" || echo "skip: $why" >"$res/$n.$r.skip"
		else
			guest_cmd "$n" || echo "skip: $why" >"$res/$n.$r.skip"
		fi
	done
	for ((i = 1; i <= reps; i++)); do
		printf '  %-11s rep %d/%d:' "$n" "$i" "$reps"
		for r in "${runners[@]}"; do
			[ -e "$res/$n.$r.skip" ] && continue
			# a runner that failed or timed out is not repeated
			last=$(tail -1 "$res/$n.$r" | cut -d' ' -f1)
			[ -n "$last" ] && [ "$last" != ok ] && continue
			run $r "$n"
			read -r st wall _ < <(tail -1 "$res/$n.$r")
			if [ "$st" = ok ]; then printf ' %s %.2fs' "$r" "$wall"; else printf ' %s %s' "$r" "$st"; fi
		done
		echo
	done
done

# ---------------------------------------------------------------- the table
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit; print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
fmt_s() { awk -v t="$1" 'BEGIN { printf(t < 10 ? "%.3f" : "%.1f", t) }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { r = a / b; printf(r < 10 ? "%.2f" : "%.0f", r) }'; }
cell() { printf '%s' "$*" | tr '|\n' '/ ' | cut -c1-110; }

# why a run failed: the emulator's last words, with the faulting
# instruction when armature-user names a pc inside the main program
fail_reason() { # NAME RUNNER STATUS
	local err=$res/$1.$2.err line pc insn
	line=$(grep -v '^armature-user: [0-9]* instructions' "$err" 2>/dev/null | grep -v '^\s*$' | tail -1)
	line=${line#armature-user: }
	[ -n "$line" ] || line=$3
	pc=$(printf '%s' "$line" | sed -n 's/.* at pc \(0x[0-9a-f]*\).*/\1/p')
	if [ -n "$pc" ] && [ "$2" = armature ] && guest_cmd "$1" &&
		command -v aarch64-linux-gnu-objdump >/dev/null 2>&1; then
		local prog=${cmd[0]} addr=$pc
		if readelf -h "$prog" 2>/dev/null | grep -q 'DYN'; then
			addr=$(printf '0x%x' $((pc - 0x5500000000)))
		fi
		if [ $((addr)) -ge 0 ]; then
			insn=$(aarch64-linux-gnu-objdump -d --start-address="$addr" --stop-address=$((addr + 4)) "$prog" 2>/dev/null |
				awk -F'\t' '/^ *[0-9a-f]+:\t/ { print $3 ($4 ? " " $4 : ""); exit }' | sed 's/ *\/\/.*//')
			[ -n "$insn" ] && line="$line: $insn"
		fi
	fi
	line=$(printf '%s' "$line" | sed 's/guest killed by signal \([0-9]*\) (\([^)]*\))/\2 (signal \1)/')
	cell "fails: $line"
}

# one runner's result: sets t (median seconds, empty when none), rss (KB),
# and st (what to print instead of a time)
result() { # NAME RUNNER
	local f=$res/$1.$2
	t='' rss='' st=''
	if [ -e "$f.skip" ]; then
		st=$(cut -c7- "$f.skip")
		st="skipped ($st)"
		return
	fi
	local last
	last=$(tail -1 "$f" | cut -d' ' -f1)
	rss=$(awk '{ print $3 }' "$f" | sort -n | tail -1)
	case $last in
	ok) t=$(awk '{ print $2 }' "$f" | median) ;;
	timeout) st="timeout (> ${timeout} s)" ;;
	*) st=$(fail_reason "$1" "$2" "$last") ;;
	esac
}

mb_or_dash() { if [ -n "$1" ]; then mb "$1"; else printf -; fi; }
thousands() { printf '%s' "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }

table=$out/table.md
declare -A ratio_q mips rss_a rss_n
{
	echo "| workload | guest instructions | Armature s | QEMU s | native s | Armature MIPS | QEMU MIPS | Armature / QEMU | Armature / native | peak RSS MB (A / Q / N) |"
	echo "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
	for w in "${selected[@]}"; do
		n=${w%%:*}
		result "$n" armature
		ta=$t ra=$rss sa=$st
		result "$n" qemu
		tq=$t rq=$rss sq=$st
		result "$n" native
		tn=$t rn=$rss sn=$st
		insns=$(sed -n 's/^armature-user: \([0-9]*\) instructions.*/\1/p' "$res/$n.armature.err" 2>/dev/null | tail -1)
		# the same program must print the same under both emulators
		if [ -n "$ta" ] && [ -n "$tq" ] && ! cmp -s "$res/$n.armature.out" "$res/$n.qemu.out"; then
			sa="wrong output (differs from QEMU's; $(fmt_s "$ta") s)"
			ta=
		fi
		mips_a=- mips_q=- rat_q=- rat_n=-
		[ -n "$insns" ] && [ -n "$ta" ] && mips_a=$(awk -v i="$insns" -v t="$ta" 'BEGIN { printf "%.1f", i / t / 1e6 }')
		[ -n "$insns" ] && [ -n "$ta" ] && [ -n "$tq" ] && mips_q=$(awk -v i="$insns" -v t="$tq" 'BEGIN { printf "%.0f", i / t / 1e6 }')
		[ -n "$ta" ] && [ -n "$tq" ] && rat_q=$(ratio "$ta" "$tq")
		[ -n "$ta" ] && [ -n "$tn" ] && rat_n=$(ratio "$ta" "$tn")
		ratio_q[$n]=$rat_q mips[$n]=$mips_a rss_a[$n]=$ra rss_n[$n]=$rn
		if [ -n "$insns" ] && [ -n "$ta" ]; then insns=$(thousands "$insns"); else insns=-; fi
		ca=${sa:-$(fmt_s "${ta:-0}")}
		cq=${sq:-$(fmt_s "${tq:-0}")}
		cn=${sn:-$(fmt_s "${tn:-0}")}
		echo "| $n | $insns | $ca | $cq | $cn | $mips_a | $mips_q | $rat_q | $rat_n | $(mb_or_dash "$ra") / $(mb_or_dash "$rq") / $(mb_or_dash "$rn") |"
	done
} >"$table"

# ---------------------------------------------------------------- the targets
# Issue 9's targets for the interpreter, checked on this run.
targets=$out/targets.md
verdict() { # RATIO LIMIT -> "Rx, met" / "Rx, not met" / "not measured"
	if [ -z "$1" ] || [ "$1" = - ]; then echo "not measured"; return; fi
	awk -v v="$1" -v l="$2" 'BEGIN { print v "x, " (v <= l ? "met" : "not met") }'
}
{
	echo "Targets of issue 9 on this run:"
	echo
	for n in gzip sha256sum; do
		[ -n "${ratio_q[$n]+x}" ] &&
			echo "- $n: Armature time <= 5x QEMU's: $(verdict "${ratio_q[$n]}" 5)"
	done
	[ -n "${ratio_q[awk-fp]+x}" ] &&
		echo "- awk-fp: Armature time <= 1x QEMU's: $(verdict "${ratio_q[awk-fp]}" 1)"
	missing=
	for w in "${selected[@]}"; do
		n=${w%%:*}
		[ "${mips[$n]}" = - ] && missing="$missing $n"
	done
	if [ -z "$missing" ]; then echo "- guest MIPS for every workload: met"
	else echo "- guest MIPS for every workload: not met (none for$missing)"; fi
	over=
	for w in "${selected[@]}"; do
		n=${w%%:*}
		a=${rss_a[$n]} b=${rss_n[$n]}
		[ -n "$a" ] && [ -n "$b" ] && [ "$a" -gt $((b + 65536)) ] && over="$over $n"
	done
	if [ -z "$over" ]; then echo "- peak RSS <= guest memory + 64 MB (the native run's RSS standing for the guest's memory): met"
	else echo "- peak RSS <= guest memory + 64 MB (the native run's RSS standing for the guest's memory): not met for$over"; fi
} >"$targets"

# ---------------------------------------------------------------- the machine
first() { "$@" 2>/dev/null | head -1; }
cpu=$(sed -n 's/^model name\s*:\s*//p' /proc/cpuinfo | head -1)
fam=$(sed -n 's/^cpu family\s*:\s*//p' /proc/cpuinfo | head -1)
model=$(sed -n 's/^model\s*:\s*//p' /proc/cpuinfo | head -1)
[ -n "$fam" ] && cpu="$cpu (family $fam, model $model)"
grep -q '^flags.*hypervisor' /proc/cpuinfo && cpu="$cpu, virtual machine"
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
# the commit of the tree armature-user was built in
src=$(dirname "$user")
commit=$(git -C "$src" rev-parse --short HEAD 2>/dev/null)
if [ -z "$commit" ]; then
	commit="$user (not in a git tree)"
else
	[ -n "$(git -C "$src" status --porcelain -- ':/interp' ':/gen' ':/spec' ':/boards' ':/jit' ':/sysregs' 2>/dev/null)" ] &&
		commit="$commit + uncommitted changes"
fi
machine=$out/machine.md
{
	echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "- CPU: $cpu; $(nproc) cores; memory $mem; load average at start $load"
	echo "- host: $(uname -sr), $(first "$host_cc" --version)"
	echo "- guest compiler (C suite): $(first "$guest_cc" --version)"
	echo "- QEMU: $(first "$qemu" --version)"
	echo "- Armature: $commit"
	debs=$(for d in "$build"/cache/*/debs/busybox-static_*_arm64.deb "$build"/cache/*/debs/lua5.4_*_arm64.deb; do
		[ -e "$d" ] && basename "$d" _arm64.deb | sed 's/%3a/:/'
	done | sort -u | tr '\n' ' ')
	echo "- Debian packages (arm64): ${debs:-none}"
	echo "- settings: BENCH_SIZE=$size_arg (scale $scale), BENCH_REPS=$reps, BENCH_TIMEOUT=$timeout"
} >"$machine"

echo
cat "$table"
echo
cat "$targets"
echo
cat "$machine"

# ---------------------------------------------------------------- the doc
[ "$doc" = - ] && exit 0
if [ ${#names[@]} -gt 0 ]; then
	echo "bench: $doc not updated (only some workloads ran)"
	exit 0
fi
begin='<!-- bench:results:begin (written by make bench; edits here are lost) -->'
end='<!-- bench:results:end -->'
if [ ! -f "$doc" ] || ! grep -qF "$begin" "$doc"; then
	{ [ -f "$doc" ] && cat "$doc"; printf '\n## Results\n\n%s\n%s\n' "$begin" "$end"; } >"$doc.tmp" && mv "$doc.tmp" "$doc"
fi
section=$out/section.md
{
	echo "$begin"
	echo
	cat "$table"
	echo
	cat "$targets"
	echo
	echo "Machine and settings:"
	echo
	cat "$machine"
	echo
	echo "$end"
} >"$section"
awk -v b="$begin" -v e="$end" -v f="$section" '
	$0 == b { while ((getline l < f) > 0) print l; skip = 1; next }
	$0 == e { skip = 0; next }
	!skip' "$doc" >"$doc.tmp" && mv "$doc.tmp" "$doc" || die "cannot write $doc"
echo "bench: wrote $doc"
