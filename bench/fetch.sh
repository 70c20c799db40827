#!/bin/bash
# The Debian packages of the benchmarks. The base sysroot (busybox-static,
# glibc, ...) is conformance/linux-user/fetch.sh's; this adds the packages of
# bench/packages.txt with the same ordinary tools:
#   apt-get download PKG:arm64  ->  build/cache/bench/debs/
#   base sysroot + dpkg -x      ->  build/cache/bench/sysroot/
#   PKG:<host arch>             ->  build/cache/bench/native/  (the same Debian
#                                   build of busybox and lua for the native runs)
# Prints the sysroot path; exits 2 with "skipped: REASON" when the packages
# cannot be had. A host package that cannot be had is not an error (those
# native runs are then skipped).
set -u
cd "$(dirname "$0")/.." || exit 1
cache=${BENCH_CACHE:-${ARMATURE_BUILD:-build}/cache/bench}
case $cache in /*) ;; *) cache=$PWD/$cache ;; esac
root=$cache/sysroot
stamp=$root/.armature-bench-packages

skip() { echo "skipped: $*"; exit 2; }

base=$(conformance/linux-user/fetch.sh) || { echo "$base"; exit 2; }
case $base in /*) ;; *) base=$PWD/$base ;; esac
pick() { grep -v '^#' bench/packages.txt | awk -v a="$1" '{ for (i = 2; i <= NF; i++) if ($i == a) print $1 }' | tr '\n' ' '; }
extra=$(pick arm64)
native=$(pick host)
want="$(cat "$base/.armature-packages") + $extra + host: $native"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
	echo "$root"
	exit 0
fi

mkdir -p "$cache/debs" "$cache/native-debs" || skip "cannot create $cache"
pkgs=()
for p in $extra; do pkgs+=("$p:arm64"); done
(cd "$cache/debs" && apt-get download -qq "${pkgs[@]}") >/dev/null 2>"$cache/apt.log" ||
	skip "apt-get download failed: $(grep -m1 -E 'E:|W:' "$cache/apt.log")"
rm -rf "$root" "$cache/native"
cp -a "$base" "$root" || skip "cannot copy $base"
rm -f "$root/.armature-packages"
for p in $extra; do
	deb=$(ls "$cache/debs/${p}_"*_arm64.deb 2>/dev/null | tail -1)
	[ -n "$deb" ] || skip "package $p was not downloaded"
	dpkg -x "$deb" "$root" || skip "dpkg -x $deb failed"
done

# The same Debian builds for the host, for the native runs.
if [ -n "$native" ]; then
	host=$(dpkg --print-architecture)
	npkgs=()
	for p in $native; do npkgs+=("$p:$host"); done
	if (cd "$cache/native-debs" && apt-get download -qq "${npkgs[@]}") >/dev/null 2>>"$cache/apt.log"; then
		mkdir -p "$cache/native"
		for p in $native; do
			deb=$(ls "$cache/native-debs/${p}_"*_"$host".deb 2>/dev/null | tail -1)
			[ -n "$deb" ] && dpkg -x "$deb" "$cache/native"
		done
	fi
fi
echo "$want" >"$stamp"
echo "$root"
