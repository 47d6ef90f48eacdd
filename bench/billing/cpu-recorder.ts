export type CpuMeters = Record<string, () => number>;

/** CPU seconds of each process, sampled every 250 ms, so that a phase's share can be read off afterwards. */
export class CpuRecorder {
  private readonly samples: Array<{ at: number; seconds: Record<string, number> }> = [];
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly meters: CpuMeters) {
    this.sample();
    this.timer = setInterval(() => this.sample(), 250);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** CPU ms per item each process spent between `from` and `to` (epoch ms). */
  perItem(from: number, to: number, items: number): Record<string, number> {
    const result: Record<string, number> = {};
    for (const name of Object.keys(this.meters)) {
      const used = this.at(to, name) - this.at(from, name);
      result[name] = Number(((used * 1000) / Math.max(1, items)).toFixed(2));
    }
    return result;
  }

  private sample(): void {
    const seconds: Record<string, number> = {};
    for (const [name, meter] of Object.entries(this.meters)) seconds[name] = meter();
    this.samples.push({ at: Date.now(), seconds });
  }

  private at(time: number, name: string): number {
    const after = this.samples.findIndex((sample) => sample.at >= time);
    if (after <= 0) return this.samples[after < 0 ? this.samples.length - 1 : 0].seconds[name];
    const [a, b] = [this.samples[after - 1], this.samples[after]];
    return a.seconds[name] + ((b.seconds[name] - a.seconds[name]) * (time - a.at)) / (b.at - a.at);
  }
}
