#!/bin/sh
# post { always }: destroy what test.sh made. Idempotent: safe to run after a
# failure half-way, or twice.
id=$(printf %s "${RIG_BUILD_MARKER:-manual-$$}" | md5sum | cut -c1-8)
for c in "seed-a-$id" "seed-b-$id"; do podman rm --force --time 0 "$c" >/dev/null 2>&1 || true; done
ip netns delete "seed-$id" 2>/dev/null || true
echo "removed seed-$id"
