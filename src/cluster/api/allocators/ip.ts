// The ClusterIP allocator (pkg/registry/core/service/ipallocator) for one IPv4
// service CIDR. State is plain data the caller persists; every function returns
// a new state and never mutates its input. Excluded ranges (the lab's host
// network lies inside 10.96.0.0/12) behave as permanently allocated: never
// handed out, and refused like a taken address when asked for.

import { formatIPv4, parseIPv4, parseIPv4Cidr } from '../validation/ip';
import { RANGE_FULL, type AllocError } from './errors';
import { randomScanWithOffset, rangeOffset, type Random } from './scan';

export const DEFAULT_SERVICE_CIDR = '10.96.0.0/12';
export const DEFAULT_EXCLUDED = ['10.100.0.0/24'];

export interface IPAllocatorState {
  cidr: string;
  excluded: string[];
  /** Allocated addresses, sorted numerically. */
  allocated: string[];
}

export type IPResult = { ok: true; state: IPAllocatorState; ip: string } | { ok: false; error: AllocError };

export function newIPAllocator(cidr = DEFAULT_SERVICE_CIDR, excluded: string[] = DEFAULT_EXCLUDED): IPAllocatorState {
  if (!parseIPv4Cidr(cidr)) throw new Error(`not an IPv4 CIDR: ${cidr}`);
  for (const e of excluded) if (!parseIPv4Cidr(e)) throw new Error(`not an IPv4 CIDR: ${e}`);
  return { cidr, excluded: [...excluded], allocated: [] };
}

interface Range { base: number; max: number; offset: number; cidr: string }

function range(state: IPAllocatorState): Range {
  const c = parseIPv4Cidr(state.cidr)!;
  // The network and broadcast addresses are never part of the range.
  const max = Math.max(0, c.size - 2);
  return { base: c.base + 1, max, offset: rangeOffset(c.size, 16, 16, 256), cidr: `${formatIPv4(c.base)}/${c.prefix}` };
}

function isExcluded(state: IPAllocatorState, n: number): boolean {
  return state.excluded.some((e) => {
    const c = parseIPv4Cidr(e)!;
    return n >= c.base && n < c.base + c.size;
  });
}

function withAllocated(state: IPAllocatorState, n: number): IPAllocatorState {
  const nums = [...state.allocated.map((a) => parseIPv4(a)!), n].sort((a, b) => a - b);
  return { ...state, allocated: nums.map(formatIPv4) };
}

/** Whether `ip` is taken (allocated or excluded). */
export function hasIP(state: IPAllocatorState, ip: string): boolean {
  const n = parseIPv4(ip);
  return n !== undefined && (state.allocated.includes(formatIPv4(n)) || isExcluded(state, n));
}

/** Allocate a specific address (a user's `clusterIP`). */
export function allocateIP(state: IPAllocatorState, ip: string): IPResult {
  const r = range(state);
  const n = parseIPv4(ip);
  if (n === undefined || n < r.base || n >= r.base + r.max) {
    // Go prints the parsed net.IP: "<nil>" when the text did not parse.
    const shown = n === undefined ? '<nil>' : formatIPv4(n);
    return { ok: false, error: { reason: 'NotInRange', message: `the provided IP (${shown}) is not in the valid range. The range of valid IPs is ${r.cidr}` } };
  }
  if (hasIP(state, ip)) return { ok: false, error: { reason: 'Allocated', message: 'provided IP is already allocated' } };
  return { ok: true, state: withAllocated(state, n), ip: formatIPv4(n) };
}

/** Allocate any free address, preferring the upper band. */
export function allocateNextIP(state: IPAllocatorState, random: Random = Math.random): IPResult {
  const r = range(state);
  const allocated = new Set(state.allocated.map((a) => parseIPv4(a)!));
  const at = randomScanWithOffset(r.max, r.offset, (i) => allocated.has(r.base + i) || isExcluded(state, r.base + i), random);
  if (at === undefined) return { ok: false, error: RANGE_FULL };
  return { ok: true, state: withAllocated(state, r.base + at), ip: formatIPv4(r.base + at) };
}

/** Release an address; releasing a free or foreign one changes nothing. */
export function releaseIP(state: IPAllocatorState, ip: string): IPAllocatorState {
  const n = parseIPv4(ip);
  if (n === undefined) return state;
  const text = formatIPv4(n);
  return state.allocated.includes(text) ? { ...state, allocated: state.allocated.filter((a) => a !== text) } : state;
}
