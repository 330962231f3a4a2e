// printEndpointSlice: ADDRESSTYPE, PORTS and ENDPOINTS, each three items at
// most then "+ N more...", "<unset>" when empty (formatDiscoveryPorts/Endpoints).

import type { EndpointSlice } from '../types';
import { ageColumn, column, listWithMore, nameColumn, type Printer } from './columns';
import { endpointSliceDoc } from './descriptions';
import { translateTimestampSince } from './time';

const max = 3;

export function formatDiscoveryPorts(ports: EndpointSlice['ports']): string {
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const port of ports ?? []) {
    if (list.length < max) {
      // A port without a number means all ports: shown by name, or "*".
      list.push(port.port != null ? String(port.port) : port.name != null ? port.name : '*');
    } else if (list.length === max) {
      more = true;
    }
    count++;
  }
  return listWithMore(list, more, count, max);
}

export function formatDiscoveryEndpoints(endpoints: EndpointSlice['endpoints']): string {
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const endpoint of endpoints ?? []) {
    for (const address of endpoint.addresses ?? []) {
      if (list.length < max) list.push(address);
      else if (list.length === max) more = true;
      count++;
    }
  }
  return listWithMore(list, more, count, max);
}

export const endpointSlicePrinter: Printer<EndpointSlice> = {
  columns: [
    nameColumn(),
    column('AddressType', 'string', endpointSliceDoc.addressType),
    column('Ports', 'string', endpointSliceDoc.ports),
    column('Endpoints', 'string', endpointSliceDoc.endpoints),
    ageColumn(),
  ],
  print(slice, { now }) {
    return {
      cells: [
        slice.metadata?.name ?? '',
        slice.addressType ?? '',
        formatDiscoveryPorts(slice.ports),
        formatDiscoveryEndpoints(slice.endpoints),
        translateTimestampSince(slice.metadata?.creationTimestamp, now),
      ],
    };
  },
};
