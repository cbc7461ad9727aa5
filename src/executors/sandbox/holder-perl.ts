/**
 * The holder's set-up as one perl process (perl-base is part of every Debian
 * and Ubuntu system): the same steps as the sh script in holder-script.ts,
 * but as mount(2) and ioctl(2) calls instead of ~15 execs, which cut sandbox
 * start-up by roughly 40 ms here. Used where we know mount(2)'s syscall
 * number; elsewhere, or without perl, the sh script runs.
 *
 * Arguments: the mount(2) syscall number, then the directories to keep.
 * (socket(2, 2, 0) is AF_INET, SOCK_DGRAM; 0x8913/0x8914 get and set
 * interface flags.)
 */
const MS = { NOSUID: 2, NODEV: 4, BIND: 4096, MOVE: 8192, REC: 16384 };

export const MOUNT_SYSCALL: Partial<Record<NodeJS.Architecture, number>> = { x64: 165, arm64: 40 };

export const HOLDER_PERL = String.raw`
# No modules: loading File::Path or Socket costs ~25 ms each.
my ($nr, @keep) = @ARGV;
sub make_path {
  for my $dir (@_) {
    my $path = '';
    for my $part (grep { length } split m{/}, $dir) {
      $path .= "/$part";
      mkdir $path unless -d $path;
    }
  }
}
sub mnt {
  my ($src, $target, $type, $flags, $data) = @_;
  my $ok = syscall(0 + $nr, $src, $target, $type, 0 + $flags, defined $data ? $data : 0) == 0;
  die "rig sandbox: mount $target: $!\n" unless $ok;
}
socket(my $sock, 2, 2, 0) or die "rig sandbox: socket: $!\n";
my $req = pack('Z16 s x22', 'lo');
ioctl($sock, 0x8913, $req) or die "rig sandbox: SIOCGIFFLAGS lo: $!\n";
my $flags = unpack('x16 s', $req) | 1;
ioctl($sock, 0x8914, pack('Z16 s x22', 'lo', $flags)) or die "rig sandbox: lo up: $!\n";
close $sock;
mnt('rig-run', '/run', 'tmpfs', ${MS.NOSUID | MS.NODEV}, 'mode=0755');
my @sys;
open(my $mi, '<', '/proc/self/mountinfo') or die "rig sandbox: mountinfo: $!\n";
while (<$mi>) {
  my $point = (split / /)[4];
  push @sys, $point if $point =~ m{^/sys/(fs/cgroup|kernel/tracing|kernel/debug)$} && !grep { $_ eq $point } @sys;
}
close $mi;
my @moved = grep { m{^/tmp/} } @keep;
make_path('/run/lock', (map { "/run/.rig/keep$_" } 0 .. $#moved), (map { "/run/.rig$_" } @sys));
mnt($moved[$_], "/run/.rig/keep$_", '', ${MS.BIND | MS.REC}) for 0 .. $#moved;
mnt($_, "/run/.rig$_", '', ${MS.BIND | MS.REC}) for @sys;
mnt('rig-tmp', '/tmp', 'tmpfs', ${MS.NOSUID | MS.NODEV}, 'mode=1777');
make_path(@moved) if @moved;
mnt("/run/.rig/keep$_", $moved[$_], '', ${MS.MOVE}) for 0 .. $#moved;
mnt('rig-shm', '/dev/shm', 'tmpfs', ${MS.NOSUID | MS.NODEV}, 'mode=1777') if -d '/dev/shm';
mnt('rig-sys', '/sys', 'sysfs', 0);
mnt("/run/.rig$_", $_, '', ${MS.MOVE}) for @sys;
eval { mnt('rig-bpf', '/sys/fs/bpf', 'bpf', 0) };
$| = 1;
print "ready\n";
open(STDIN, '<', '/dev/null');
open(STDOUT, '>', '/dev/null');
open(STDERR, '>', '/dev/null');
$0 = 'rig-sandbox';
$SIG{TERM} = sub { exit 0 };
$SIG{CHLD} = sub { 1 while waitpid(-1, 1) > 0 };
sleep while 1;
`;
