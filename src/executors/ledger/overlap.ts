/**
 * Which jobs of one executor ran at the same time. `exclusive` attribution
 * (everything new on the host is the job's) is only sound for a job that ran
 * alone; a job that overlapped another falls back to traced attribution.
 */
export class OverlapTracker {
  private readonly active = new Set<string>();
  private readonly shared = new Set<string>();

  begin(jobId: string): void {
    if (this.active.size > 0) {
      for (const other of this.active) this.shared.add(other);
      this.shared.add(jobId);
    }
    this.active.add(jobId);
  }

  /** Whether the job overlapped another; forgets the job. */
  end(jobId: string): boolean {
    this.active.delete(jobId);
    const overlapped = this.shared.delete(jobId);
    return overlapped;
  }

  overlapped(jobId: string): boolean {
    return this.shared.has(jobId);
  }
}
