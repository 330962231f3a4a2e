// The container-spec hash kept in a label: when a pod's container spec changes
// (in practice its image, the one mutable field), the running container no
// longer matches and the kubelet replaces it, as kuberuntime does with
// HashContainer.
import { createHash } from 'node:crypto';
import type { Container } from '../../api/types';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = canonical(v);
    }
    return out;
  }
  return value;
}

/** 8 hex digits; resources are left out because resizing them in place needs no restart. */
export function containerHash(container: Container): string {
  const { resources: _resources, ...rest } = container;
  return createHash('sha256').update(JSON.stringify(canonical(rest))).digest('hex').slice(0, 8);
}
