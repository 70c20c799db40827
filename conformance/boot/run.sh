#!/bin/bash
# Boot conformance: Debian's arm64 kernel with a busybox initramfs on
# `armature -M virt` (conformance/boot/README.md). Fetches the packages
# (fetch.sh), builds the initramfs (mkinitramfs.py), boots with a timeout
# and reports how far it got: the marker line, or the last console lines
# and where the CPU stopped. Ends with "N passed, M failed".
# usage: conformance/boot/run.sh [--cpu MODEL] [--smp N] [--virtio] [--timeout SECONDS]
#   --virtio: also a virtio-blk disk (a small raw image) and virtio-rng; the
#   initramfs loads Debian's virtio modules and must read the disk.
# Environment: ARMATURE (default build/armature), BOOT_TIMEOUT (default 600).
set -u
cd "$(dirname "$0")/../.." || exit 1
cpu=cortex-a57
smp=1
virtio=0
limit=${BOOT_TIMEOUT:-600}
while [ $# -gt 0 ]; do
	case $1 in
	--cpu) cpu=$2; shift ;;
	--smp) smp=$2; shift ;;
	--virtio) virtio=1 ;;
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
extra=()
initrd=$cache/initrd.gz
if [ $virtio = 1 ]; then
	initrd=$cache/initrd-virtio.gz
	conformance/boot/mkinitramfs.py "$cache/busybox" "$initrd" "$cache/modules" || exit 1
	# the disk: a signature line, then zeroes (1 MiB)
	disk=$cache/disk.img
	{ echo "ARMATURE-DISK-SIGNATURE 0123456789"; head -c 1048576 /dev/zero; } | head -c 1048576 >"$disk"
	extra=(-drive "file=$disk,format=raw,if=none,id=d0" -device virtio-blk-device,drive=d0 -device virtio-rng-device)
else
	conformance/boot/mkinitramfs.py "$cache/busybox" "$initrd" || exit 1
fi

name=boot-$cpu
[ "$smp" != 1 ] && name=$name-smp$smp
[ $virtio = 1 ] && name=$name-virtio
log=$cache/console-${name#boot-}.log
echo "boot: $armature -M virt -cpu $cpu -smp $smp -m 1G -nographic -kernel $cache/Image -initrd $initrd ${extra[*]} (timeout ${limit}s)"
start=$(date +%s.%N)
timeout -k 5 "$limit" "$armature" -M virt -cpu "$cpu" -smp "$smp" -m 1G -nographic -no-reboot \
	-kernel "$cache/Image" -initrd "$initrd" "${extra[@]}" \
	-append "console=ttyAMA0 earlycon=pl011,0x9000000 panic=-1" </dev/null >"$log" 2>&1
status=$?
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v st="$status" 'BEGIN { printf "boot: exit status %d after %.1f s\n", st, e - s }'
virtio_ok=1
if [ $virtio = 1 ] && ! { grep -q '\[vda\]' "$log" && grep -q '^ARMATURE-DISK: ARMATURE-DISK-SIGNATURE 0123456789' "$log" &&
	grep -q '^ARMATURE-RNG: virtio_rng' "$log"; }; then
	virtio_ok=0
fi
if [ $virtio_ok = 1 ] && grep -q "^ARMATURE-BOOT-MARKER.*| cpus=$smp |" "$log" && grep -q '^ARMATURE-BOOT-DONE' "$log" && [ $status -eq 0 ]; then
	grep '^ARMATURE-BOOT-MARKER' "$log"
	[ $virtio = 1 ] && grep -E '\[vda\]|^ARMATURE-(DISK|RNG):' "$log"
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
