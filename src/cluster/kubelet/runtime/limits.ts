// resources.limits as Docker enforces them: memory in bytes (so a container
// over its limit is OOMKilled, as on a real node) and CPU in nano-CPUs.

const SUFFIX: Record<string, number> = {
  '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
  m: 1e-3, u: 1e-6, n: 1e-9,
};

/** A resource.Quantity as a number ("128Mi" → 134217728, "500m" → 0.5); null when unreadable. */
export function parseQuantity(q: string | number | undefined): number | null {
  if (q === undefined) return null;
  if (typeof q === 'number') return Number.isFinite(q) ? q : null;
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:[eE]([+-]?\d+)|([a-zA-Z]{0,2}))$/.exec(q.trim());
  if (!m) return null;
  const base = Number(m[1]);
  if (m[2] !== undefined) return base * 10 ** Number(m[2]);
  const mult = SUFFIX[m[3] ?? ''];
  return mult === undefined ? null : base * mult;
}

export function dockerLimits(limits: Record<string, string> | undefined): { Memory?: number; NanoCpus?: number } {
  const out: { Memory?: number; NanoCpus?: number } = {};
  const memory = parseQuantity(limits?.memory);
  // Docker refuses limits under 6 MB; such a limit could not run anything anyway.
  if (memory !== null && memory > 0) out.Memory = Math.max(Math.ceil(memory), 6 * 2 ** 20);
  const cpu = parseQuantity(limits?.cpu);
  if (cpu !== null && cpu > 0) out.NanoCpus = Math.round(cpu * 1e9);
  return out;
}
