#!/bin/bash
# Boot conformance: Debian's arm64 kernel with a busybox initramfs on
# `armature -M virt` (conformance/boot/README.md). Fetches the packages
# (fetch.sh), builds the initramfs (mkinitramfs.py), boots with a timeout
# and reports how far it got: the marker line, or the last console lines
# and where the CPU stopped. Ends with "N passed, M failed".
# usage: conformance/boot/run.sh [--cpu MODEL] [--smp N] [--timeout SECONDS]
# Environment: ARMATURE (default build/armature), BOOT_TIMEOUT (default 600).
set -u
cd "$(dirname "$0")/../.." || exit 1
cpu=cortex-a57
smp=1
limit=${BOOT_TIMEOUT:-600}
while [ $# -gt 0 ]; do
	case $1 in
	--cpu) cpu=$2; shift ;;
	--smp) smp=$2; shift ;;
	--timeout) limit=$2; shift ;;
	-h | --help) sed -n '2,9s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) echo "unknown argument $1" >&2; exit 2 ;;
	esac
	shift
done
build=${ARMATURE_BUILD:-build}
armature=${ARMATURE:-$build/armature}
cache=$build/cache/boot

conformance/boot/fetch.sh
rc=$?
if [ $rc -eq 2 ]; then
	echo "SKIP boot: the Debian packages cannot be fetched (see above)"
	echo "0 passed, 0 failed"
	exit 0
elif [ $rc -ne 0 ]; then
	echo "FAIL boot: fetch.sh failed"
	echo "0 passed, 1 failed"
	exit 1
fi
conformance/boot/mkinitramfs.py "$cache/busybox" "$cache/initrd.gz" || exit 1

name=boot-$cpu
[ "$smp" != 1 ] && name=$name-smp$smp
log=$cache/console-${name#boot-}.log
echo "boot: $armature -M virt -cpu $cpu -smp $smp -m 1G -nographic -kernel $cache/Image -initrd $cache/initrd.gz (timeout ${limit}s)"
start=$(date +%s.%N)
timeout -k 5 "$limit" "$armature" -M virt -cpu "$cpu" -smp "$smp" -m 1G -nographic -no-reboot \
	-kernel "$cache/Image" -initrd "$cache/initrd.gz" \
	-append "console=ttyAMA0 earlycon=pl011,0x9000000 panic=-1" </dev/null >"$log" 2>&1
status=$?
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v st="$status" 'BEGIN { printf "boot: exit status %d after %.1f s\n", st, e - s }'
if grep -q "^ARMATURE-BOOT-MARKER.*| cpus=$smp |" "$log" && grep -q '^ARMATURE-BOOT-DONE' "$log" && [ $status -eq 0 ]; then
	grep '^ARMATURE-BOOT-MARKER' "$log"
	echo "PASS $name"
	echo "1 passed, 0 failed"
	exit 0
fi
[ $status -eq 124 ] && echo "boot: timeout after ${limit}s"
echo "boot: the last console lines ($log):"
tail -n 25 "$log" | sed 's/^/  | /'
echo "FAIL $name: the marker line (with cpus=$smp) was not reached"
echo "0 passed, 1 failed"
exit 1
