#!/bin/sh
# Generator fixtures: each err_X.xml (a page) or err_X.asl (library declarations)
# must fail with exactly err_X.expected on stderr; each ok_X.xml must load cleanly.
# The fixtures are checked together with spec/lib and spec/sysregs, as real pages are.
# Run from the repository root. ARMATURE_GEN overrides the generator binary.
GEN=${ARMATURE_GEN:-${ARMATURE_BUILD:-build}/armature-gen}
FEATURES=spec/features.xml
# The generator frees nothing before it exits: no leak reports under SAN=1.
export ASAN_OPTIONS=detect_leaks=0
pass=0
fail=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

if [ ! -x "$GEN" ]; then
    echo "tests/gen/run.sh: $GEN not found; build it first (make)" >&2
    exit 1
fi

for xml in tests/gen/err_*.xml tests/gen/err_*.asl; do
    [ -e "$xml" ] || continue
    name=$(basename "$xml"); name=${name%.*}
    expected=tests/gen/$name.expected
    "$GEN" --check --features "$FEATURES" spec/lib/*.asl spec/sysregs/*.xml "$xml" >/dev/null 2>"$tmp/stderr"
    rc=$?
    if [ $rc -ne 0 ] && [ -f "$expected" ] && diff -u --label "$expected" --label "stderr" "$expected" "$tmp/stderr" >"$tmp/diff"; then
        echo "PASS $name"
        pass=$((pass + 1))
    else
        echo "FAIL $name"
        [ $rc -eq 0 ] && echo "  expected a non-zero exit status, got 0"
        [ -f "$expected" ] || echo "  missing $expected"
        [ -f "$expected" ] && sed 's/^/  /' "$tmp/diff"
        fail=$((fail + 1))
    fi
done

for xml in tests/gen/ok_*.xml; do
    [ -e "$xml" ] || continue
    name=$(basename "$xml" .xml)
    "$GEN" --check --features "$FEATURES" spec/lib/*.asl spec/sysregs/*.xml "$xml" >/dev/null 2>"$tmp/stderr"
    rc=$?
    if [ $rc -eq 0 ] && [ ! -s "$tmp/stderr" ]; then
        echo "PASS $name"
        pass=$((pass + 1))
    else
        echo "FAIL $name"
        echo "  exit status $rc, stderr:"
        sed 's/^/  /' "$tmp/stderr"
        fail=$((fail + 1))
    fi
done

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
