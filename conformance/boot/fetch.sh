#!/bin/bash
# Fetches Debian's arm64 kernel (linux-image-arm64 and the image package it
# depends on) and busybox-static:arm64 with apt-get download into
# build/cache/boot/, and unpacks them: build/cache/boot/Image (the
# decompressed vmlinuz) and build/cache/boot/busybox. Needs the arm64
# architecture in dpkg (scripts/install-deps adds it). Exit 2 when the
# packages cannot be fetched (no network): callers skip with a message.
set -eu
cd "$(dirname "$0")/../.."
cache=${ARMATURE_BUILD:-build}/cache/boot
mkdir -p "$cache/deb"
cd "$cache/deb"
if [ ! -e ../Image ] || [ ! -e ../busybox ]; then
	meta=linux-image-arm64:arm64
	img=$(apt-cache depends "$meta" 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[0-9][^ :]*\).*/\1/p' | head -1)
	if [ -z "$img" ]; then
		echo "fetch: cannot resolve the image package of $meta (apt-get update? dpkg --add-architecture arm64?)" >&2
		exit 2
	fi
	rm -f ./*.deb
	if ! apt-get download "$img:arm64" busybox-static:arm64 >/dev/null 2>&1; then
		echo "fetch: apt-get download $img:arm64 busybox-static:arm64 failed" >&2
		exit 2
	fi
	rm -rf root && mkdir root
	for d in ./*.deb; do dpkg -x "$d" root; done
	vmlinuz=$(ls root/boot/vmlinuz-* | head -1)
	# Debian's vmlinuz is a gzip'd Image on some releases, the Image itself on others
	if gzip -t "$vmlinuz" 2>/dev/null; then gzip -dc "$vmlinuz" >../Image; else cp "$vmlinuz" ../Image; fi
	cp root/bin/busybox ../busybox
	echo "${vmlinuz##*/}" >../version
	rm -rf root
fi
# the virtio modules the initramfs loads (Debian builds virtio-mmio,
# virtio-blk and virtio-rng as modules): $cache/modules/
if [ ! -e ../modules/virtio_mmio.ko ]; then
	rm -rf mods && mkdir mods ../modules
	deb=$(ls ./linux-image-*.deb | head -1)
	dpkg-deb --fsys-tarfile "$deb" | tar -x -C mods --wildcards \
		'*/drivers/virtio/virtio_mmio.ko' '*/drivers/block/virtio_blk.ko' '*/hw_random/virtio-rng.ko' 2>/dev/null || true
	find mods -name '*.ko' -exec cp {} ../modules/ \;
	rm -rf mods
fi
echo "fetch: $(cat ../version) and busybox in $cache"
