#!/bin/bash
# Runs every test `make check` needs, after the build: the Check suites
# build/tests/check_*, the generator fixtures (tests/gen/run.sh) and the guest
# programs (tests/guests/run.sh), static glibc programs (tests/glibc/run.sh)
# and the decode conformance sample
# (conformance/decode/run.sh --quick) and the bare-metal check list
# (conformance/baremetal/run.sh) and the FP conformance sample
# (conformance/fp/run.sh --quick) and the Debian kernel boot
# (conformance/boot/run.sh) and the difftest campaign sample, its tool tests
# and regressions (conformance/difftest/, conformance/regress/). Sums their
# counts and ends with exactly one line "N passed, M failed"; exits 1 if
# anything failed or a runner crashed.
# Runners that do not exist yet are skipped with a message.
set -u
cd "$(dirname "$0")/.." || exit 1

total_pass=0 total_fail=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Check suites print "NN%: Checks: N, Failures: F, Errors: E" per suite runner.
run_check_suite() {
	local bin=$1 rc n f e found=0
	echo "== $bin"
	case $bin in
	# The generator frees nothing before it exits (its data lives for the
	# whole run): no leak reports for the suites that test it.
	*/check_gen_*) ASAN_OPTIONS=detect_leaks=0 "$bin" >"$log" 2>&1 ;;
	*) "$bin" >"$log" 2>&1 ;;
	esac
	rc=$?
	cat "$log"
	while read -r n f e; do
		found=1
		total_pass=$((total_pass + n - f - e))
		total_fail=$((total_fail + f + e))
	done < <(sed -n 's/.*Checks: \([0-9]*\), Failures: \([0-9]*\), Errors: \([0-9]*\).*/\1 \2 \3/p' "$log")
	if [ $found = 0 ]; then
		echo "FAIL $bin: no Check summary (exit status $rc)"
		total_fail=$((total_fail + 1))
	elif [ $rc -ne 0 ] && ! grep -q 'Failures: [1-9]\|Errors: [1-9]' "$log"; then
		echo "FAIL $bin: exit status $rc although no check failed"
		total_fail=$((total_fail + 1))
	fi
}

# Script runners end with "N passed, M failed". Arguments after the script go to it.
run_counting_script() {
	local script=$1 rc last p f
	echo "== $*"
	"$@" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	last=$(tail -n 1 "$log")
	if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
		p=${BASH_REMATCH[1]} f=${BASH_REMATCH[2]}
		total_pass=$((total_pass + p))
		total_fail=$((total_fail + f))
		if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
			echo "FAIL $script: exit status $rc although it reported no failure"
			total_fail=$((total_fail + 1))
		fi
	else
		echo "FAIL $script: crashed or gave no \"N passed, M failed\" line (exit status $rc)"
		total_fail=$((total_fail + 1))
	fi
}

shopt -s nullglob
suites=("${ARMATURE_BUILD:-build}"/tests/check_*)
shopt -u nullglob
if [ ${#suites[@]} -eq 0 ]; then
	echo "no Check suites in ${ARMATURE_BUILD:-build}/tests: skipping them"
fi
for bin in "${suites[@]}"; do
	case $bin in *.o | *.d) continue ;; esac
	[ -x "$bin" ] && run_check_suite "$bin"
done

for script in tests/gen/run.sh tests/guests/run.sh tests/glibc/run.sh; do
	if [ -x "$script" ]; then
		run_counting_script "$script"
	elif [ -e "$script" ]; then
		echo "FAIL $script: not executable"
		total_fail=$((total_fail + 1))
	else
		echo "$script not found: skipping it"
	fi
done

# The decode conformance sample: the generated disassembler against objdump.
if [ -x conformance/decode/run.sh ]; then
	run_counting_script conformance/decode/run.sh --quick
else
	echo "conformance/decode/run.sh not found: skipping it"
fi

# The bare-metal tests in conformance/baremetal/check-list.txt, on armature and QEMU.
if [ -x conformance/baremetal/run.sh ]; then
	run_counting_script conformance/baremetal/run.sh
else
	echo "conformance/baremetal/run.sh not found: skipping it"
fi

# The FP conformance sample: scalar FP under armature-user and qemu-aarch64.
if [ -x conformance/fp/run.sh ]; then
	run_counting_script conformance/fp/run.sh --quick
else
	echo "conformance/fp/run.sh not found: skipping it"
fi

# Real Debian arm64 programs, the quick subset (skips when packages can't be fetched).
if [ -x conformance/linux-user/run.sh ]; then
	run_counting_script conformance/linux-user/run.sh --quick
else
	echo "conformance/linux-user/run.sh not found: skipping it"
fi

# Debian's arm64 kernel boots on -M virt to the initramfs marker and powers
# off (cortex-a57, on 1 CPU, and on 2 CPUs with a virtio-blk disk and
# virtio-rng; skips when the packages can't be fetched).
if [ -x conformance/boot/run.sh ]; then
	BOOT_TIMEOUT=${BOOT_TIMEOUT:-300} run_counting_script conformance/boot/run.sh
	BOOT_TIMEOUT=${BOOT_TIMEOUT:-300} run_counting_script conformance/boot/run.sh --smp 2 --virtio
else
	echo "conformance/boot/run.sh not found: skipping it"
fi

# Every executable encoding, 3 random instances each, under armature-user and qemu-aarch64.
if [ -x conformance/semantics/run.sh ]; then
	run_counting_script conformance/semantics/run.sh --quick
else
	echo "conformance/semantics/run.sh not found: skipping it"
fi

# Random instruction sequences (about 4*10^4 instructions) under armature-user
# and qemu-aarch64, the difftest tool's own tests (an injected difference is
# found and minimised) and the minimised regressions in conformance/regress/.
for script in conformance/difftest/run.sh conformance/difftest/test-tool.sh conformance/regress/run.sh; do
	if [ -x "$script" ]; then
		case $script in
		*/difftest/run.sh) run_counting_script "$script" --quick ;;
		*) run_counting_script "$script" ;;
		esac
	else
		echo "$script not found: skipping it"
	fi
done

echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
