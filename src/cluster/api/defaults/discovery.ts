// Endpoints and EndpointSlices (SetDefaults_Endpoints in core/v1,
// SetDefaults_EndpointPort in discovery/v1): ports default to TCP, and a
// slice port's name defaults to the empty string.

import type { Endpoints, EndpointSlice } from '../types';

export function defaultEndpoints(ep: Endpoints): void {
  for (const ss of ep.subsets ?? []) for (const p of ss.ports ?? []) if (!p.protocol) p.protocol = 'TCP';
}

export function defaultEndpointSlice(slice: EndpointSlice): void {
  for (const p of slice.ports ?? []) {
    p.name ??= '';
    p.protocol ??= 'TCP';
  }
}
