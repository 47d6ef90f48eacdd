/** A benchmark's figure against its floor measured in the same run: the ratio and whether it meets the target. */
export interface Verdict {
  ratio: number;
  met: boolean;
  /** e.g. `ratio 1.32 ≤ 1.5: met`. */
  line: string;
}

/** `lunas / floor` checked against `target`: at most (`≤`, latencies) or at least (`≥`, rates). */
export function verdict(lunas: number, floor: number, comparison: '≤' | '≥', target: number): Verdict {
  const ratio = lunas / floor;
  const met = comparison === '≤' ? ratio <= target : ratio >= target;
  return { ratio, met, line: `ratio ${ratio.toFixed(2)} ${met ? comparison : comparison === '≤' ? '>' : '<'} ${target}: ${met ? 'met' : 'not met'}` };
}
