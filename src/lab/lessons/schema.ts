// The shape of a lesson's files (resources/lessons/<id>/): `lesson.yaml` holds
// the lesson's title, every other `*.yaml` is one section, in file-name order.
// resources/lessons/SCHEMA.md says the same for teachers. Pure.
import { HOST_NAMES, type HostName } from '../topology/plan';
import { RESOURCE_KINDS, RULE_EXPECTATIONS, type CheckSpec, type DnsExpectation, type FieldExpectation, type Origin, type ProbeExpectation } from './checks/spec';
import { parseSelector } from './facts';
import type { DiagramKind, DiagramObjectKind, Effect, QuizItem, SectionKind, Text } from './model';
import { parsePlaceholders } from './placeholders';
import { bool, either, int, list, obj, oneOf, optional, record, scalarText, str, to, variant, type Issue, type Validator } from './validate';

export const ID = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const NODE_HOSTS = ['master', 'node1', 'node2'] as const satisfies readonly HostName[];
const SECTION_KINDS: readonly SectionKind[] = ['concept', 'lab', 'summary'];
export const DIAGRAM_KINDS: readonly DiagramKind[] = ['service-fanout', 'service-types', 'nodeport-path', 'loadbalancer-path', 'externalname-dns', 'headless-dns', 'kube-proxy-chains'];
const DIAGRAM_OBJECT_KINDS: readonly DiagramObjectKind[] = ['Service', 'Pod', 'Node', 'Host', 'EndpointSlice', 'Rules', 'DnsAnswer'];

const id = () => str({ pattern: ID, what: 'an id of lower-case letters, digits and dashes' });
const name = () => str({ pattern: ID, what: 'a Kubernetes object name' });
const host = () => oneOf(HOST_NAMES);
const namespace = () => optional(name(), () => 'default');

export const text: Validator<Text> = obj({ ko: str(), en: str() });

const selector = (): Validator<string> =>
  to(str(), (s, path, issues) => {
    if (parseSelector(s)) return s;
    issues.push({ path, message: `"${s}" is not a label selector like app=webui` });
    return undefined;
  });

/** A string whose `{...}` placeholders must all be known ones. */
const template = (): Validator<string> =>
  to(scalarText(), (s, path, issues) => {
    for (const problem of parsePlaceholders(s).problems) issues.push({ path, message: problem });
    return s;
  });

/** `from: {host: station}` or `from: {pod: app=webui}`. */
const origin = (): Validator<Origin> =>
  to(obj({ host: optional(host()), pod: optional(selector()), namespace: namespace() }), (o, path, issues): Origin | undefined => {
    if (o.host && !o.pod) return { host: o.host };
    if (o.pod && !o.host) return { pod: o.pod, namespace: o.namespace };
    issues.push({ path, message: 'needs exactly one of host (a lab host) or pod (a label selector)' });
    return undefined;
  });

const fieldValue: Validator<Omit<FieldExpectation, 'path'>> = either(
  to(either(scalarText(), bool(), 'a value'), (v) => ({ equals: v }) as Omit<FieldExpectation, 'path'>),
  obj({ matches: optional(str()), exists: optional(bool()) }),
  'a value, {matches: REGEX} or {exists: true|false}',
);

const objectCheck = to(
  obj({ kind: oneOf(RESOURCE_KINDS), name: name(), namespace: namespace(), absent: optional(bool(), () => false), fields: optional(record(fieldValue), () => ({})) }),
  (o, path, issues): CheckSpec | undefined => {
    const fields = Object.entries(o.fields).map(([p, e]) => ({ path: p, ...e }));
    if (o.absent && fields.length) return void issues.push({ path, message: 'absent: true cannot also expect fields' });
    for (const f of fields) {
      if (f.matches !== undefined) {
        try {
          new RegExp(f.matches);
        } catch (err) {
          return void issues.push({ path: `${path}.fields.${f.path}`, message: (err as Error).message });
        }
      }
    }
    return { type: 'object', kind: o.kind, name: o.name, namespace: o.namespace, absent: o.absent, fields };
  },
);

const probeExpect: Validator<ProbeExpectation> = variant({
  status: to(int({ min: 100, max: 599 }), (status): ProbeExpectation => ({ kind: 'status', status })),
  bodyContains: to(str(), (t): ProbeExpectation => ({ kind: 'body-contains', text: t })),
  distinctPods: to(obj({ selector: selector(), count: int({ min: 1 }) }), (d): ProbeExpectation => ({ kind: 'distinct-pods', ...d })),
});

const dnsExpect: Validator<DnsExpectation> = variant({
  nxdomain: to(bool(), (): DnsExpectation => ({ kind: 'nxdomain' })),
  cname: to(str(), (target): DnsExpectation => ({ kind: 'cname', target })),
  endpointsOf: to(name(), (service): DnsExpectation => ({ kind: 'endpoints-of', service })),
  clusterIPOf: to(name(), (service): DnsExpectation => ({ kind: 'cluster-ip-of', service })),
});

export const check: Validator<CheckSpec> = variant({
  object: objectCheck,
  pods: to(obj({ selector: selector(), namespace: namespace(), ready: int({ min: 1 }), nodes: optional(int({ min: 1 }), () => 1) }), (o): CheckSpec => ({ type: 'pods', ...o })),
  endpoints: to(obj({ service: name(), namespace: namespace(), ready: int({ min: 0 }) }), (o): CheckSpec => ({ type: 'endpoints', ...o })),
  rules: to(obj({ host: oneOf(NODE_HOSTS), service: name(), namespace: namespace(), expect: list(oneOf(RULE_EXPECTATIONS), { min: 1 }) }), (o): CheckSpec => ({ type: 'rules', ...o })),
  probe: to(obj({ from: origin(), url: template(), times: optional(int({ min: 1, max: 60 }), () => 1), expect: probeExpect }), (o): CheckSpec => ({ type: 'probe', ...o })),
  pages: to(obj({ from: host(), selector: selector(), namespace: namespace(), port: optional(int({ min: 1, max: 65535 }), () => 80) }), (o): CheckSpec => ({ type: 'pages', ...o })),
  dns: to(obj({ from: origin(), name: template(), expect: dnsExpect }), (o): CheckSpec => ({ type: 'dns', ...o })),
  listening: to(obj({ host: host(), address: optional(template()), port: template(), process: str() }), (o): CheckSpec => ({ type: 'listening', ...o })),
  file: to(obj({ host: optional(host()), pod: optional(selector()), namespace: namespace(), path: str({ pattern: /^\//, what: 'an absolute path' }) }), (o, path, issues): CheckSpec | undefined => {
    if (Boolean(o.host) === Boolean(o.pod)) return void issues.push({ path, message: 'needs exactly one of host or pod' });
    return { type: 'file', in: o.host ? { host: o.host } : { pod: o.pod!, namespace: o.namespace }, path: o.path };
  }),
});

const manifestName = () => str({ pattern: /^[A-Za-z0-9._-]+\.ya?ml$/, what: 'a manifest file name (resources/manifests)' });

export const effect: Validator<Effect> = obj({
  apply: optional(list(manifestName()), () => []),
  delete: optional(list(manifestName()), () => []),
  podNameFile: optional(obj({ selector: selector(), path: str({ pattern: /^\//, what: 'an absolute path' }) })),
});
const noEffect = (): Effect => ({ apply: [], delete: [] });

export const step = obj({
  id: id(),
  host: host(),
  command: template(),
  title: text,
  text,
  lookFor: text,
  hint: text,
  check: list(check, { min: 1 }),
  effect: optional(effect, noEffect),
  expect: optional(obj({ fails: optional(bool(), () => false), output: optional(list(template()), () => []) }), () => ({ fails: false, output: [] })),
});

const diagram = obj({
  kind: oneOf(DIAGRAM_KINDS),
  caption: text,
  empty: text,
  shows: list(obj({ kind: oneOf(DIAGRAM_OBJECT_KINDS), name: optional(name()), selector: optional(selector()), host: optional(host()), role: text }), { min: 1 }),
});

export const quizItem: Validator<QuizItem> = to(obj({ id: id(), question: text, choices: list(text, { min: 2 }), answer: int({ min: 0 }), explain: text }), (q, path, issues) => {
  if (q.answer >= q.choices.length) return void issues.push({ path: `${path}.answer`, message: `is ${q.answer}, but there are only ${q.choices.length} choices (counted from 0)` });
  return q;
});

export const section = obj({
  id: id(),
  kind: oneOf(SECTION_KINDS),
  title: text,
  body: text,
  diagram: optional(diagram),
  steps: optional(list(step), () => []),
  quiz: optional(list(quizItem), () => []),
});

export const lessonHead = obj({ id: id(), title: text, summary: text });

export type RawStep = NonNullable<ReturnType<typeof step>>;
export type RawSection = NonNullable<ReturnType<typeof section>>;
export type { Issue };
