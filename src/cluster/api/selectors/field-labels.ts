// Which fields each resource can be selected on, in the two layers upstream has:
// the field label conversion registered per kind (pkg/apis/core/v1/conversion.go:
// which labels a request may use, and the 400 for others), and the registry's
// ToSelectableFields (pkg/registry/.../strategy.go: the values matched against).
// The layers differ on purpose: pods accept status.podIPs but never set it, so
// such a selector matches nothing, exactly as on a real cluster.

import type { Event, KubeObject, Namespace, Node, Pod, Service } from '../types';
import { BadRequestError } from './errors';
import { FieldSelectorParseError, parseFieldSelector, type FieldSelector } from './field-selector';
import { goQuote } from './go-format';

export class FieldLabelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldLabelError';
  }
}

interface FieldRules {
  /** Labels the conversion accepts, mapped to the label the registry uses. */
  accepted: Record<string, string>;
  reject: (label: string) => string;
  fields: (obj: KubeObject) => Record<string, string>;
}

const notSupported = (label: string): string => `field label not supported: ${label}`;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const bool = (v: unknown): string => (v === true ? 'true' : 'false');

// generic.ObjectMetaFieldsSet: the namespace only for namespaced kinds.
function metaFields(obj: KubeObject, namespaced: boolean): Record<string, string> {
  const set: Record<string, string> = { 'metadata.name': str(obj.metadata?.name) };
  if (namespaced) set['metadata.namespace'] = str(obj.metadata?.namespace);
  return set;
}

function accept(labels: string[], aliases: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of labels) out[l] = l;
  return { ...out, ...aliases };
}

function podFields(obj: KubeObject): Record<string, string> {
  const pod = obj as Pod;
  const spec = pod.spec ?? ({} as Pod['spec']);
  const status = pod.status ?? {};
  // Upstream reads Status.PodIPs[0]; the v1 conversion fills podIPs from podIP.
  const podIP = status.podIPs?.[0]?.ip ?? status.podIP ?? '';
  return {
    'spec.nodeName': str(spec.nodeName),
    'spec.restartPolicy': str(spec.restartPolicy),
    'spec.schedulerName': str(spec.schedulerName),
    'spec.serviceAccountName': str(spec.serviceAccountName),
    'spec.hostNetwork': bool(spec.hostNetwork),
    'status.phase': str(status.phase),
    'status.podIP': podIP,
    'status.nominatedNodeName': str(status.nominatedNodeName),
    ...metaFields(obj, true),
  };
}

function eventFields(obj: KubeObject): Record<string, string> {
  const ev = obj as Event;
  const ref = ev.involvedObject ?? {};
  return {
    'involvedObject.kind': str(ref.kind),
    'involvedObject.namespace': str(ref.namespace),
    'involvedObject.name': str(ref.name),
    'involvedObject.uid': str(ref.uid),
    'involvedObject.apiVersion': str(ref.apiVersion),
    'involvedObject.resourceVersion': str(ref.resourceVersion),
    'involvedObject.fieldPath': str(ref.fieldPath),
    reason: str(ev.reason),
    reportingComponent: str(ev.reportingComponent),
    // Events written through events.k8s.io have no source; upstream falls back to the reporter.
    source: str(ev.source?.component) || str(ev.reportingComponent),
    type: str(ev.type),
    ...metaFields(obj, true),
  };
}

const rules: Record<string, FieldRules> = {
  pods: {
    accepted: accept(
      [
        'metadata.name',
        'metadata.namespace',
        'spec.nodeName',
        'spec.restartPolicy',
        'spec.schedulerName',
        'spec.serviceAccountName',
        'spec.hostNetwork',
        'status.phase',
        'status.podIP',
        'status.podIPs',
        'status.nominatedNodeName',
      ],
      // Old v1 clients sent spec.host.
      { 'spec.host': 'spec.nodeName' },
    ),
    reject: notSupported,
    fields: podFields,
  },
  events: {
    accepted: accept([
      'involvedObject.kind',
      'involvedObject.namespace',
      'involvedObject.name',
      'involvedObject.uid',
      'involvedObject.apiVersion',
      'involvedObject.resourceVersion',
      'involvedObject.fieldPath',
      'reason',
      'reportingComponent',
      'source',
      'type',
      'metadata.namespace',
      'metadata.name',
    ]),
    reject: notSupported,
    fields: eventFields,
  },
  services: {
    accepted: accept(['metadata.namespace', 'metadata.name', 'spec.clusterIP', 'spec.type']),
    reject: notSupported,
    fields: (obj) => {
      const spec = (obj as Service).spec ?? {};
      return { ...metaFields(obj, true), 'spec.clusterIP': str(spec.clusterIP), 'spec.type': str(spec.type) };
    },
  },
  nodes: {
    // Nodes are cluster-scoped: metadata.namespace is not even accepted.
    accepted: accept(['metadata.name', 'spec.unschedulable']),
    reject: notSupported,
    fields: (obj) => ({ ...metaFields(obj, false), 'spec.unschedulable': bool((obj as Node).spec?.unschedulable) }),
  },
  namespaces: {
    accepted: accept(['status.phase', 'metadata.name']),
    reject: notSupported,
    fields: (obj) => ({
      ...metaFields(obj, false),
      'status.phase': str((obj as Namespace).status?.phase),
      // Kept upstream for old clients; unreachable, since the conversion refuses "name".
      name: str(obj.metadata?.name),
    }),
  },
};

const clusterScoped = new Set(['nodes', 'namespaces', 'persistentvolumes', 'customresourcedefinitions', 'apiservices']);

// runtime.DefaultMetaV1FieldSelectorConversion: every kind without its own
// conversion, including everything in apps and discovery.k8s.io.
function defaultRules(resource: string): FieldRules {
  return {
    accepted: accept(['metadata.name', 'metadata.namespace']),
    reject: (label) =>
      `${goQuote(label)} is not a known field selector: only ${goQuote('metadata.name')}, ${goQuote('metadata.namespace')}`,
    fields: (obj) => metaFields(obj, !clusterScoped.has(resource)),
  };
}

// "deployments.apps" and "deployments" name the same resource.
const baseResource = (resource: string): string => resource.split('.')[0];

function rulesFor(resource: string): FieldRules {
  const base = baseResource(resource);
  return Object.prototype.hasOwnProperty.call(rules, base) ? rules[base] : defaultRules(base);
}

/** Scheme.ConvertFieldLabel for the resource; throws FieldLabelError with upstream's text. */
export function convertFieldLabel(resource: string, label: string, value: string): { field: string; value: string } {
  const r = rulesFor(resource);
  if (!Object.prototype.hasOwnProperty.call(r.accepted, label)) throw new FieldLabelError(r.reject(label));
  return { field: r.accepted[label], value };
}

/** The registry's ToSelectableFields for an object of the resource. */
export function selectableFields(resource: string, obj: KubeObject): Record<string, string> {
  return rulesFor(resource).fields(obj);
}

/**
 * What the API server does with `?fieldSelector=`: parse, then run every term
 * through the resource's conversion. Any failure is a 400 BadRequest.
 */
export function compileFieldSelector(resource: string, selector: string): FieldSelector {
  try {
    return parseFieldSelector(selector).transform((field, value) => convertFieldLabel(resource, field, value));
  } catch (err) {
    if (err instanceof FieldSelectorParseError || err instanceof FieldLabelError) throw new BadRequestError(err.message);
    throw err;
  }
}

export function matchesFieldSelector(resource: string, selector: FieldSelector, obj: KubeObject): boolean {
  return selector.empty() || selector.matches(selectableFields(resource, obj));
}
