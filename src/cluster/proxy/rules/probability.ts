// The "--probability" of rule i of n: 1/(n-i) printed as Go's
// fmt.Sprintf("%0.10f", 1.0/float64(n)). Precomputed, as upstream does,
// because formatting floats dominates in services with many endpoints.
const cached: string[] = ['<bad value>'];

export function computeProbability(n: number): string {
  // Go rounds an exact tie half-to-even; JavaScript's toFixed rounds it up.
  // For 1/n the only tie at 10 decimals is 1/2048 = 0.00048828125 exactly.
  if (n === 2048) return '0.0004882812';
  return (1 / n).toFixed(10);
}

export function probability(n: number): string {
  for (let i = cached.length; i <= n; i++) cached.push(computeProbability(i));
  return cached[n]!;
}
