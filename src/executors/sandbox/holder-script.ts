/**
 * What the sandbox's pid 1 runs before it idles: the job's view of the host.
 * Own loopback up; fresh tmpfs over /run (so `ip netns add` inside never
 * leaves a file in the host's /run/netns), /tmp and /dev/shm; the workspace
 * and scratch directory bound back at their host paths; a sysfs that shows
 * the sandbox's network, with the host's cgroup tree (podman and crun need
 * it) and tracing mounts bound back; a private bpffs, so pinned BPF objects
 * die with the sandbox. Then it reaps orphans until it is killed.
 *
 * Paths come in as positional arguments ("$@"), never spliced into the text.
 */
export const HOLDER_SCRIPT = String.raw`set -e
ip link set lo up
mount -t tmpfs -o mode=0755,nosuid,nodev rig-run /run
mkdir -p /run/lock /run/.rig
i=0
for dir in "$@"; do
  case "$dir" in /tmp/*) i=$((i+1)); mkdir -p /run/.rig/keep$i; mount --rbind "$dir" /run/.rig/keep$i ;; esac
done
mount -t tmpfs -o mode=1777,nosuid,nodev rig-tmp /tmp
i=0
for dir in "$@"; do
  case "$dir" in /tmp/*) i=$((i+1)); mkdir -p "$dir"; mount --move /run/.rig/keep$i "$dir" ;; esac
done
if [ -d /dev/shm ]; then mount -t tmpfs -o mode=1777,nosuid,nodev rig-shm /dev/shm; fi
for sub in fs/cgroup kernel/tracing kernel/debug; do
  if mountpoint -q /sys/$sub; then
    mkdir -p /run/.rig/sys/$sub; mount --rbind /sys/$sub /run/.rig/sys/$sub
  fi
done
mount -t sysfs rig-sys /sys
for sub in fs/cgroup kernel/tracing kernel/debug; do
  if [ -d /run/.rig/sys/$sub ]; then mount --move /run/.rig/sys/$sub /sys/$sub; fi
done
mount -t bpf rig-bpf /sys/fs/bpf 2>/dev/null || true
rm -rf /run/.rig
echo ready
exec </dev/null >/dev/null 2>&1
trap 'exit 0' TERM
while :; do sleep 2147483647 & wait; done
`;

/** Directories the sandbox keeps at their host path; /run is not one of them. */
export function unsupportedPath(dir: string): boolean {
  return dir === '/run' || dir.startsWith('/run/') || dir === '/tmp';
}
