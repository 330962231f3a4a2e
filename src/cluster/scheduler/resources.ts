// What a pod asks for and what a node can give (NodeResourcesFit's view).
import type { Container, Node, Pod } from '../api/types';
import { isQuantity, parseQuantity } from '../api/validation/quantity';

export interface Resources {
  milliCPU: number;
  memory: number;
  pods: number;
}

/** Quantity.MilliValue / Value: rounded up, as upstream does. */
function quantity(v: string | undefined, milli: boolean): number {
  if (v === undefined) return 0;
  const q = parseQuantity(v);
  if (!isQuantity(q)) return 0;
  const unit = milli ? 1_000_000n : 1_000_000_000n;
  const n = q.nanos / unit + (q.nanos % unit > 0n ? 1n : 0n);
  return Number(n);
}

function containerRequests(c: Container): { milliCPU: number; memory: number } {
  const r = c.resources?.requests ?? {};
  return { milliCPU: quantity(r.cpu, true), memory: quantity(r.memory, false) };
}

/** computePodResourceRequest: the sum over containers, at least the largest init container, plus sidecars. */
export function podRequests(pod: Pod): Resources {
  let cpu = 0;
  let mem = 0;
  for (const c of pod.spec.containers ?? []) {
    const r = containerRequests(c);
    cpu += r.milliCPU;
    mem += r.memory;
  }
  let sidecarCPU = 0;
  let sidecarMem = 0;
  for (const c of pod.spec.initContainers ?? []) {
    const r = containerRequests(c);
    if (c.restartPolicy === 'Always') {
      sidecarCPU += r.milliCPU;
      sidecarMem += r.memory;
      cpu += r.milliCPU;
      mem += r.memory;
    } else {
      cpu = Math.max(cpu, r.milliCPU + sidecarCPU);
      mem = Math.max(mem, r.memory + sidecarMem);
    }
  }
  const overhead = (pod.spec.overhead as Record<string, string> | undefined) ?? {};
  return { milliCPU: cpu + quantity(overhead.cpu, true), memory: mem + quantity(overhead.memory, false), pods: 1 };
}

/** The node's allocatable resources; a node that reports none is not limited. */
export function nodeAllocatable(node: Node): Resources {
  const a = node.status?.allocatable ?? node.status?.capacity;
  if (!a) return { milliCPU: Infinity, memory: Infinity, pods: Infinity };
  return {
    milliCPU: a.cpu === undefined ? Infinity : quantity(a.cpu, true),
    memory: a.memory === undefined ? Infinity : quantity(a.memory, false),
    pods: a.pods === undefined ? Infinity : quantity(a.pods, false),
  };
}

export function sumRequests(pods: Pod[]): Resources {
  const total = { milliCPU: 0, memory: 0, pods: 0 };
  for (const p of pods) {
    const r = podRequests(p);
    total.milliCPU += r.milliCPU;
    total.memory += r.memory;
    total.pods += 1;
  }
  return total;
}
