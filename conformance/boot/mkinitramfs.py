#!/usr/bin/env python3
"""Writes a gzip'd cpio (newc) initramfs: busybox-static as /bin/busybox and
an /init that mounts proc and sys, prints the boot marker line with
`uname -a`, the CPU count and the /proc/cpuinfo features, runs a few
commands and powers off (PSCI SYSTEM_OFF).
usage: mkinitramfs.py BUSYBOX OUT.gz"""
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
    entry(out, 0, "TRAILER!!!", 0)
    with gzip.open(sys.argv[2], "wb", compresslevel=6) as f:
        f.write(bytes(out))


if __name__ == "__main__":
    main()
