/** What an agent tells the controller about its machine. */
import { cpus, hostname, release, totalmem, platform, arch } from 'node:os';

export function hostFacts(): Record<string, string> {
  const cpu = cpus();
  return {
    hostname: hostname(),
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    cores: String(cpu.length),
    memoryBytes: String(totalmem()),
    kernel: `${platform()} ${release()}`,
    arch: arch(),
    node: process.version,
  };
}
