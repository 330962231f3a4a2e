// printEndpoints: ENDPOINTS lists ready ip:port pairs, three at most, then
// "+ N more..." (formatEndpoints).

import type { Endpoints } from '../types';
import { ageColumn, column, nameColumn, type Printer } from './columns';
import { endpointsDoc } from './descriptions';
import { translateTimestampSince } from './time';

// net.JoinHostPort brackets IPv6 addresses.
const joinHostPort = (host: string, port: number): string => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

/** formatEndpoints with ports=nil: only ready addresses count; "" when none are ready. */
export function formatEndpoints(endpoints: Endpoints): string {
  const subsets = endpoints.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      // Headless services may have no ports.
      count += addresses.length;
      for (const addr of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(addr.ip);
      }
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const addr of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(addr.ip, port.port));
      }
    }
  }
  const joined = list.join(',');
  return more ? `${joined} + ${count - max} more...` : joined;
}

export const endpointsPrinter: Printer<Endpoints> = {
  columns: [nameColumn(), column('Endpoints', 'string', endpointsDoc.subsets), ageColumn()],
  print(ep, { now }) {
    return { cells: [ep.metadata?.name ?? '', formatEndpoints(ep), translateTimestampSince(ep.metadata?.creationTimestamp, now)] };
  },
};
