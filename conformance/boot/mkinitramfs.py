#!/usr/bin/env python3
"""Writes a gzip'd cpio (newc) initramfs: busybox-static as /bin/busybox and
an /init that mounts proc and sys, prints the boot marker line with
`uname -a`, the CPU count and the /proc/cpuinfo features, runs a few
commands and powers off (PSCI SYSTEM_OFF). With a MODULES directory, its
virtio modules go in /lib/modules and /init loads them, then shows what is
on /dev/vda (its first line) and the hardware RNG (its first bytes).
usage: mkinitramfs.py BUSYBOX OUT.gz [MODULES]"""
import os
import gzip
import sys

INIT = r"""#!/bin/busybox sh
/bin/busybox mkdir -p /proc /sys /dev /tmp
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
echo "ARMATURE-BOOT-MARKER: $(uname -a) | cpus=$(grep -c ^processor /proc/cpuinfo) | $(grep -m1 Features /proc/cpuinfo)"
cat /proc/cpuinfo
cat /proc/interrupts
if [ -d /lib/modules ]; then
    for m in virtio_mmio virtio_blk virtio-rng; do
        [ -e /lib/modules/$m.ko ] && insmod /lib/modules/$m.ko
    done
    sleep 1
    [ -b /dev/vda ] && echo "ARMATURE-DISK: $(head -n 1 /dev/vda)"
    [ -e /dev/hwrng ] && echo "ARMATURE-RNG: $(cat /sys/class/misc/hw_random/rng_current) $(head -c 8 /dev/hwrng | od -An -tx1)"
fi
uptime
echo "ARMATURE-BOOT-DONE"
poweroff -f
"""


def entry(out, ino, name, mode, data=b"", nlink=1, rdev=(0, 0)):
    name_b = name.encode() + b"\0"
    hdr = "070701" + "".join("%08x" % v for v in (
        ino, mode, 0, 0, nlink, 0, len(data), 0, 0, rdev[0], rdev[1], len(name_b), 0))
    out += hdr.encode() + name_b
    out += b"\0" * (-len(out) % 4)
    out += data
    out += b"\0" * (-len(out) % 4)


def main():
    busybox = open(sys.argv[1], "rb").read()
    out = bytearray()
    ino = 1
    for d in ("bin", "sbin", "proc", "sys", "dev", "tmp", "etc"):
        entry(out, ino, d, 0o040755, nlink=2)
        ino += 1
    entry(out, ino, "dev/console", 0o020600, rdev=(5, 1))
    ino += 1
    entry(out, ino, "bin/busybox", 0o100755, busybox)
    ino += 1
    entry(out, ino, "init", 0o100755, INIT.encode())
    ino += 1
    if len(sys.argv) > 3:
        entry(out, ino, "lib", 0o040755, nlink=2)
        entry(out, ino + 1, "lib/modules", 0o040755, nlink=2)
        ino += 2
        for name in sorted(os.listdir(sys.argv[3])):
            if name.endswith(".ko"):
                data = open(os.path.join(sys.argv[3], name), "rb").read()
                entry(out, ino, "lib/modules/" + name, 0o100644, data)
                ino += 1
    entry(out, 0, "TRAILER!!!", 0)
    with gzip.open(sys.argv[2], "wb", compresslevel=6) as f:
        f.write(bytes(out))


if __name__ == "__main__":
    main()
