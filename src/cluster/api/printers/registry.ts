// Which printer serves which resource, and the kind a row's full object is
// converted to (includeObject=Object answers in the resource's own version).

import type { Printer } from './columns';
import { defaultPrinter } from './default';
import { deploymentPrinter } from './deployment';
import { endpointSlicePrinter } from './endpointslice';
import { endpointsPrinter } from './endpoints';
import { eventPrinter } from './event';
import { namespacePrinter } from './namespace';
import { nodePrinter } from './node';
import { podPrinter } from './pod';
import { replicaSetPrinter } from './replicaset';
import { servicePrinter } from './service';

export interface ResourcePrinting {
  printer: Printer;
  kind?: string;
  apiVersion?: string;
}

const byResource: Record<string, ResourcePrinting> = {
  pods: { printer: podPrinter as Printer, kind: 'Pod', apiVersion: 'v1' },
  services: { printer: servicePrinter as Printer, kind: 'Service', apiVersion: 'v1' },
  endpoints: { printer: endpointsPrinter as Printer, kind: 'Endpoints', apiVersion: 'v1' },
  nodes: { printer: nodePrinter as Printer, kind: 'Node', apiVersion: 'v1' },
  namespaces: { printer: namespacePrinter as Printer, kind: 'Namespace', apiVersion: 'v1' },
  events: { printer: eventPrinter as Printer, kind: 'Event', apiVersion: 'v1' },
  deployments: { printer: deploymentPrinter as Printer, kind: 'Deployment', apiVersion: 'apps/v1' },
  replicasets: { printer: replicaSetPrinter as Printer, kind: 'ReplicaSet', apiVersion: 'apps/v1' },
  endpointslices: { printer: endpointSlicePrinter as Printer, kind: 'EndpointSlice', apiVersion: 'discovery.k8s.io/v1' },
};

/** "pods", or a group-qualified "deployments.apps"; anything unknown gets the default table. */
export function printingFor(resource: string): ResourcePrinting {
  const base = resource.split('.')[0].toLowerCase();
  return Object.prototype.hasOwnProperty.call(byResource, base) ? byResource[base] : { printer: defaultPrinter };
}

