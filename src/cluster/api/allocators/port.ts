// The NodePort allocator (pkg/registry/core/service/portallocator): one
// cluster-wide pool keyed by port number. State is plain data the caller
// persists; every function returns a new state and never mutates its input.

import { RANGE_FULL, type AllocError } from './errors';
import { randomScanWithOffset, rangeOffset, type Random } from './scan';

export const DEFAULT_NODE_PORT_RANGE = '30000-32767';

export interface PortAllocatorState {
  range: string;
  /** Allocated ports, sorted. */
  allocated: number[];
}

export type PortResult = { ok: true; state: PortAllocatorState; port: number } | { ok: false; error: AllocError };

interface Range { base: number; size: number; offset: number }

function parseRange(text: string): Range {
  const m = /^(\d+)-(\d+)$/.exec(text);
  if (!m || Number(m[2]) < Number(m[1])) throw new Error(`not a port range: ${text}`);
  const base = Number(m[1]);
  const size = Number(m[2]) - base + 1;
  return { base, size, offset: rangeOffset(size, 16, 32, 128) };
}

export function newPortAllocator(range = DEFAULT_NODE_PORT_RANGE): PortAllocatorState {
  parseRange(range);
  return { range, allocated: [] };
}

const add = (state: PortAllocatorState, port: number): PortAllocatorState =>
  ({ ...state, allocated: [...state.allocated, port].sort((a, b) => a - b) });

export function hasPort(state: PortAllocatorState, port: number): boolean {
  return state.allocated.includes(port);
}

/** Allocate a specific port (a user's `nodePort`). */
export function allocatePort(state: PortAllocatorState, port: number): PortResult {
  const r = parseRange(state.range);
  if (!Number.isInteger(port) || port < r.base || port >= r.base + r.size) {
    return { ok: false, error: { reason: 'NotInRange', message: `provided port is not in the valid range. The range of valid ports is ${state.range}` } };
  }
  if (hasPort(state, port)) return { ok: false, error: { reason: 'Allocated', message: 'provided port is already allocated' } };
  return { ok: true, state: add(state, port), port };
}

/** Allocate any free port, preferring the upper band. */
export function allocateNextPort(state: PortAllocatorState, random: Random = Math.random): PortResult {
  const r = parseRange(state.range);
  const taken = new Set(state.allocated);
  const at = randomScanWithOffset(r.size, r.offset, (i) => taken.has(r.base + i), random);
  if (at === undefined) return { ok: false, error: RANGE_FULL };
  return { ok: true, state: add(state, r.base + at), port: r.base + at };
}

export function releasePort(state: PortAllocatorState, port: number): PortAllocatorState {
  return hasPort(state, port) ? { ...state, allocated: state.allocated.filter((p) => p !== port) } : state;
}
