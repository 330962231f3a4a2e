// The allocation strategy of pkg/registry/core/service/allocator
// (randomScanStrategyWithOffset): dynamic allocations pick a random start in
// the upper band [offset, max) and scan forward, wrapping; only when that band
// is full do they fall back to the lower band [0, offset), which is left for
// addresses and ports users ask for by number.

export type Random = () => number;

const randInt = (random: Random, n: number): number => Math.min(n - 1, Math.floor(random() * n));

export function randomScanWithOffset(max: number, offset: number, taken: (i: number) => boolean, random: Random): number | undefined {
  const upper = max - offset;
  if (upper > 0) {
    const start = randInt(random, upper);
    for (let i = 0; i < upper; i++) {
      const at = offset + ((start + i) % upper);
      if (!taken(at)) return at;
    }
  }
  if (offset > 0) {
    const start = randInt(random, offset);
    for (let i = 0; i < offset; i++) {
      const at = (start + i) % offset;
      if (!taken(at)) return at;
    }
  }
  return undefined;
}

/** calculateRangeOffset: min(max(lo, size/step), hi), or 0 for tiny ranges. */
export function rangeOffset(size: number, lo: number, step: number, hi: number): number {
  if (size <= lo) return 0;
  return Math.min(Math.max(lo, Math.floor(size / step)), hi);
}
