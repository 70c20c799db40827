#!/bin/bash
# Fetches the Debian arm64 packages the real-workload cases run (packages.txt)
# with the ordinary tools and unpacks them into one sysroot:
#   apt-get download PKG:arm64  ->  build/cache/linux-user/debs/
#   dpkg -x                     ->  build/cache/linux-user/sysroot/
# The arm64 architecture must be known to dpkg/apt: run as root (or with
# sudo) once, `dpkg --add-architecture arm64 && apt-get update`, which this
# script does itself when it runs as root. Prints the sysroot path on
# success; exits 2 with one line "skipped: REASON" when the packages cannot
# be had (no apt, no network, no arm64 architecture and no root).
set -u
cd "$(dirname "$0")/../.." || exit 1
cache=${LU_CACHE:-${ARMATURE_BUILD:-build}/cache/linux-user}
case $cache in /*) ;; *) cache=$PWD/$cache ;; esac
root=$cache/sysroot
list=conformance/linux-user/packages.txt
stamp=$root/.armature-packages

skip() { echo "skipped: $*"; exit 2; }

want=$(grep -v '^#' "$list" | tr -s ' \n' ' ')
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
	echo "$root"
	exit 0
fi
command -v apt-get >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1 ||
	skip "apt-get/dpkg not found (a Debian-like host is needed to fetch arm64 packages)"
if ! dpkg --print-foreign-architectures | grep -qx arm64 &&
	[ "$(dpkg --print-architecture)" != arm64 ]; then
	if [ "$(id -u)" = 0 ]; then
		dpkg --add-architecture arm64 || skip "dpkg --add-architecture arm64 failed"
		apt-get update -qq >/dev/null 2>&1 || skip "apt-get update failed (no network?)"
	else
		skip "arm64 is not a dpkg architecture here; run as root once: dpkg --add-architecture arm64 && apt-get update"
	fi
fi
mkdir -p "$cache/debs" && cd "$cache/debs" || skip "cannot create $cache/debs"
pkgs=()
for p in $want; do pkgs+=("$p:arm64"); done
if ! apt-get download -qq "${pkgs[@]}" >/dev/null 2>"$cache/apt.log"; then
	# the lists may be stale or the architecture new: refresh once as root
	if [ "$(id -u)" = 0 ] && apt-get update -qq >/dev/null 2>&1 &&
		apt-get download -qq "${pkgs[@]}" >/dev/null 2>"$cache/apt.log"; then
		:
	else
		skip "apt-get download failed: $(grep -m1 -E 'E:|W:' "$cache/apt.log")"
	fi
fi
cd - >/dev/null || exit 1
rm -rf "$root"
mkdir -p "$root"
for p in $want; do
	deb=$(ls "$cache/debs/${p}_"*_arm64.deb 2>/dev/null | tail -1)
	[ -n "$deb" ] || skip "package $p was not downloaded"
	dpkg -x "$deb" "$root" || skip "dpkg -x $deb failed"
done
echo "$want" >"$stamp"
echo "$root"
