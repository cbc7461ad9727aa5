/**
 * What the sandbox's pid 1 runs before it idles: the job's view of the host.
 * Own loopback up; fresh tmpfs over /run (so `ip netns add` inside never
 * leaves a file in the host's /run/netns), /tmp and /dev/shm; the workspace
 * and scratch directory bound back at their host paths; a sysfs that shows
 * the sandbox's network, with the host's cgroup tree (podman and crun need
 * it) and tracing mounts bound back; a private bpffs, so pinned BPF objects
 * die with the sandbox. Then it reaps orphans until it is killed.
 *
 * Paths come in as positional arguments, never spliced into the text (a path
 * with spaces is refused before we get here). Every command is an exec, so the
 * script batches them: sandbox start-up is mostly these execs.
 */
export const HOLDER_SCRIPT = String.raw`set -e
ip link set lo up
mount -t tmpfs -o mode=0755,nosuid,nodev rig-run /run
keep= stage= sys= i=0
for dir; do
  case $dir in /tmp/*) i=$((i+1)); keep="$keep $dir"; stage="$stage /run/.rig/keep$i" ;; esac
done
while read -r _ _ _ _ point _; do
  case $point in /sys/fs/cgroup|/sys/kernel/tracing|/sys/kernel/debug) sys="$sys $point" ;; esac
done < /proc/self/mountinfo
for point in $sys; do stage="$stage /run/.rig$point"; done
mkdir -p /run/lock $stage
i=0
for dir in $keep; do i=$((i+1)); mount --rbind "$dir" /run/.rig/keep$i; done
for point in $sys; do mount --rbind $point /run/.rig$point; done
mount -t tmpfs -o mode=1777,nosuid,nodev rig-tmp /tmp
[ -z "$keep" ] || mkdir -p $keep
i=0
for dir in $keep; do i=$((i+1)); mount --move /run/.rig/keep$i "$dir"; done
[ ! -d /dev/shm ] || mount -t tmpfs -o mode=1777,nosuid,nodev rig-shm /dev/shm
mount -t sysfs rig-sys /sys
for point in $sys; do mount --move /run/.rig$point $point; done
mount -t bpf rig-bpf /sys/fs/bpf 2>/dev/null || true
echo ready
exec </dev/null >/dev/null 2>&1
trap 'exit 0' TERM
while :; do sleep 2147483647 & wait; done
`;

/** Directories the sandbox keeps at their host path; /run is not one of them. */
export function unsupportedPath(dir: string): boolean {
  return dir === '/run' || dir.startsWith('/run/') || dir === '/tmp' || /\s/.test(dir);
}
