#!/bin/sh
# The seed's flagship test: two containers and a network namespace joined by
# veth pairs (a bridge in the namespace), and a check that they talk.
#
# Environment:
#   SEED_IMAGE   image with ping and sleep (default: Rig's test image)
#   SEED_HOLD    after the check, wait this many seconds (for timeout/cancel tests)
#   SEED_SUICIDE right after the setup, SIGKILL this script (1) or its whole
#                process group, the step's shell included (group)
# Names derive from RIG_BUILD_MARKER (the job id) so concurrent jobs never
# collide; everything is recorded in $RIG_LEDGER before it is created, so
# teardown removes it even if this script is killed half-way. Every phase
# prints a line, so an activity timeout only fires once the test is idle.
set -eu

image=${SEED_IMAGE:-localhost/rig-test-debian:bookworm-2}
id=$(printf %s "${RIG_BUILD_MARKER:-manual-$$}" | md5sum | cut -c1-8)
ns=seed-$id
a=seed-a-$id
b=seed-b-$id

record() { if [ -n "${RIG_LEDGER:-}" ]; then echo "$1 $2" >> "$RIG_LEDGER"; fi; }

record netns "$ns"
ip netns add "$ns"
ip -n "$ns" link set lo up
ip -n "$ns" link add br0 type bridge
ip -n "$ns" link set br0 up
echo "netns $ns: bridge br0 up"

# rlimits podman cannot raise without CAP_SYS_RESOURCE (see docs/executors.md);
# NET_RAW for ping (podman's default capabilities leave it out).
run() {
  record container "$1"
  cid=$(podman run -d --name "$1" --network none --cap-add NET_RAW \
    --ulimit nofile=20000:20000 --ulimit nproc=32768:32768 "$image" sleep 3600)
  echo "container $1 id=$cid"
}
run "$a"
run "$b"

# One veth pair per container: eth1 inside it, the peer on the bridge.
join() {
  pid=$(podman inspect --format '{{.State.Pid}}' "$1")
  ip -n "$ns" link add "$2" type veth peer name eth1 netns "$pid"
  ip -n "$ns" link set "$2" master br0 up
  nsenter --target "$pid" --net ip addr add "$3/24" dev eth1
  nsenter --target "$pid" --net ip link set eth1 up
  echo "container $1: eth1 $3 on br0 through $2"
}
join "$a" va 10.55.0.1
join "$b" vb 10.55.0.2
echo "built: netns $ns, containers $a and $b"

case "${SEED_SUICIDE:-}" in
  1) kill -9 $$ ;;
  group) kill -9 0 ;;
esac

podman exec "$a" ping -c 2 -W 2 10.55.0.2 >/dev/null
podman exec "$b" ping -c 2 -W 2 10.55.0.1 >/dev/null
echo "the containers talk through $ns"

if [ -n "${SEED_HOLD:-}" ]; then sleep "$SEED_HOLD"; fi
