import { appendFileSync } from 'node:fs';

// Summaries for benchmark samples: a figure is a median with its spread, never one run.
export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  p95: number;
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { n: sorted.length, median, min: sorted[0]!, max: sorted[sorted.length - 1]!, p95: at(0.95) };
}

/** When `npm run bench` collects a report, every figure also goes there as data. */
function record(label: string, s: Summary, unit: string): void {
  const file = process.env.BENCH_RECORD;
  if (!file) return;
  appendFileSync(file, `${JSON.stringify({ benchmark: process.env.BENCH_NAME ?? '', label: label.trim(), unit, ...s })}\n`);
}

export function formatSummary(label: string, s: Summary, unit: string, digits = 2): string {
  record(label, s, unit);
  const f = (v: number) => v.toFixed(digits);
  return `${label.padEnd(36)} median ${f(s.median)} ${unit}  (min ${f(s.min)}, max ${f(s.max)}, n=${s.n})`;
}
