// The checks a lesson step can ask for, as they are after loading. In the YAML
// each is a one-key map named by its type (`- pods: {selector: app=webui, ready: 3}`).
// Strings marked "placeholders" may hold `{...}` placeholders (placeholders.ts).
import type { HostName } from '../../topology/plan';

export type ResourceKind = 'Pod' | 'Service' | 'Deployment' | 'ReplicaSet' | 'EndpointSlice' | 'Endpoints' | 'Node' | 'Namespace';
export const RESOURCE_KINDS: readonly ResourceKind[] = ['Pod', 'Service', 'Deployment', 'ReplicaSet', 'EndpointSlice', 'Endpoints', 'Node', 'Namespace'];

export type Scalar = string | number | boolean;

/** One field of an object: equal to a value, matching a regular expression, or (not) set. */
export interface FieldExpectation {
  path: string;
  equals?: Scalar;
  matches?: string;
  exists?: boolean;
}

/** An API object exists (with these fields) or is absent. */
export interface ObjectCheck {
  type: 'object';
  kind: ResourceKind;
  namespace: string;
  name: string;
  absent: boolean;
  fields: FieldExpectation[];
}

/** At least `ready` pods match `selector` and are Running and Ready, on at least `nodes` nodes. */
export interface PodsCheck {
  type: 'pods';
  namespace: string;
  selector: string;
  ready: number;
  nodes: number;
}

/** The Service's EndpointSlices hold `ready` ready addresses, all of them pods of its selector. */
export interface EndpointsCheck {
  type: 'endpoints';
  namespace: string;
  service: string;
  ready: number;
}

/**
 * cluster-ip: a KUBE-SERVICES rule for the cluster IP; node-port: a KUBE-NODEPORTS
 * rule for each node port; endpoints: one KUBE-SEP DNAT per ready endpoint;
 * probabilities: the KUBE-SVC chain splits evenly; none: no rule names the Service.
 */
export type RuleExpectation = 'cluster-ip' | 'node-port' | 'endpoints' | 'probabilities' | 'none';
export const RULE_EXPECTATIONS: readonly RuleExpectation[] = ['cluster-ip', 'node-port', 'endpoints', 'probabilities', 'none'];

/** kube-proxy's nat rules in a node for a Service. */
export interface RulesCheck {
  type: 'rules';
  host: HostName;
  namespace: string;
  service: string;
  expect: RuleExpectation[];
}

/** Where a probe or a DNS question starts: a host, or the first ready pod of a selector. */
export type Origin = { host: HostName } | { pod: string; namespace: string };

export type ProbeExpectation =
  | { kind: 'status'; status: number }
  | { kind: 'body-contains'; text: string }
  | { kind: 'distinct-pods'; selector: string; count: number };

/** HTTP requests (curl) from a host or a pod. */
export interface ProbeCheck {
  type: 'probe';
  from: Origin;
  /** placeholders */
  url: string;
  times: number;
  expect: ProbeExpectation;
}

/** Each ready pod of `selector` answers on `port` with a page holding its own name. */
export interface PagesCheck {
  type: 'pages';
  from: HostName;
  namespace: string;
  selector: string;
  port: number;
}

export type DnsExpectation =
  | { kind: 'nxdomain' }
  | { kind: 'cname'; target: string }
  | { kind: 'endpoints-of'; service: string }
  | { kind: 'cluster-ip-of'; service: string };

/** What the cluster DNS answers (dig) from a pod or a host. */
export interface DnsCheck {
  type: 'dns';
  from: Origin;
  /** placeholders */
  name: string;
  expect: DnsExpectation;
}

/** A process listens on a TCP port in a host (netstat -napt). */
export interface ListeningCheck {
  type: 'listening';
  host: HostName;
  /** Only sockets bound to this address (placeholders); any address when unset. */
  address?: string;
  /** A number, or placeholders such as {nodeport:loadbalancer-service}. */
  port: string;
  process: string;
}

/** A file exists in a host or in the first ready pod of a selector. */
export interface FileCheck {
  type: 'file';
  in: Origin;
  path: string;
}

export type CheckSpec = ObjectCheck | PodsCheck | EndpointsCheck | RulesCheck | ProbeCheck | PagesCheck | DnsCheck | ListeningCheck | FileCheck;
export type CheckType = CheckSpec['type'];
