// Placeholders in commands and check parameters, resolved against the live
// cluster when the learner presses a step's button: `{pod:app=webui:0}`
// becomes the name of the first ready webui pod, `{lb:loadbalancer-service}`
// the address the cloud gave that Service. Pure: facts come in.
import { servicePortChains } from '../../cluster/proxy/rules/chain-names';
import { parseSelector, servingPods, type PodFact, type ServiceFact } from './facts';
import { LessonError, say } from './say';

export const PLACEHOLDER_KINDS = ['pod', 'podip', 'clusterip', 'nodeport', 'lb', 'svcchain'] as const;
export type PlaceholderKind = (typeof PLACEHOLDER_KINDS)[number];

export type Placeholder =
  | { raw: string; kind: 'pod' | 'podip'; namespace: string; selector: Record<string, string>; selectorText: string; index: number }
  | { raw: string; kind: 'clusterip' | 'nodeport' | 'lb' | 'svcchain'; namespace: string; service: string };

// Only `{word:...}` is taken for a placeholder, so shell braces (`${p#pod/}`, awk's `{print $1}`) pass through.
const CANDIDATE = /\{([a-z]+):([^{}\s]*)\}/g;
const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function splitNamespace(text: string): { namespace: string; rest: string } {
  const slash = text.indexOf('/');
  // Label keys may hold a slash (app.kubernetes.io/name=x); a namespace prefix never holds '='.
  if (slash > 0 && !text.slice(0, slash).includes('=') && NAME.test(text.slice(0, slash))) return { namespace: text.slice(0, slash), rest: text.slice(slash + 1) };
  return { namespace: 'default', rest: text };
}

function parseOne(raw: string, kind: string, arg: string): Placeholder | string {
  if (!(PLACEHOLDER_KINDS as readonly string[]).includes(kind)) return `unknown placeholder ${raw}: use one of ${PLACEHOLDER_KINDS.map((k) => `{${k}:...}`).join(', ')}`;
  const { namespace, rest } = splitNamespace(arg);
  if (kind === 'pod' || kind === 'podip') {
    const m = /^(.+?)(?::(\d+))?$/.exec(rest);
    const selector = m ? parseSelector(m[1]!) : undefined;
    if (!m || !selector) return `${raw}: expected {${kind}:SELECTOR} or {${kind}:SELECTOR:INDEX}, e.g. {${kind}:app=webui:0}`;
    return { raw, kind, namespace, selector, selectorText: m[1]!, index: Number(m[2] ?? 0) };
  }
  if (!NAME.test(rest)) return `${raw}: "${rest}" is not a Service name`;
  return { raw, kind: kind as 'clusterip' | 'nodeport' | 'lb' | 'svcchain', namespace, service: rest };
}

/** The placeholders of a template, and what is wrong with any of them. */
export function parsePlaceholders(template: string): { placeholders: Placeholder[]; problems: string[] } {
  const placeholders: Placeholder[] = [];
  const problems: string[] = [];
  for (const m of template.matchAll(CANDIDATE)) {
    const p = parseOne(m[0], m[1]!, m[2]!);
    if (typeof p === 'string') problems.push(p);
    else placeholders.push(p);
  }
  return { placeholders, problems };
}

export interface Facts {
  pods: PodFact[];
  services: ServiceFact[];
}

function serviceOf(p: Extract<Placeholder, { service: string }>, facts: Facts): ServiceFact {
  const svc = facts.services.find((s) => s.namespace === p.namespace && s.name === p.service);
  if (!svc) throw new LessonError(say(`Service ${p.service}이(가) 아직 없습니다.`, `There is no Service ${p.service} yet.`));
  return svc;
}

export function resolvePlaceholder(p: Placeholder, facts: Facts): string {
  if (!('service' in p)) {
    const pods = servingPods(facts.pods.filter((x) => x.namespace === p.namespace), p.selector);
    const pod = pods[p.index];
    if (!pod) {
      throw new LessonError(
        say(
          `${p.selectorText} 레이블의 Pod 중 준비된 것이 ${pods.length}개뿐입니다(${p.index + 1}번째가 필요합니다).`,
          `Only ${pods.length} ready pod(s) match ${p.selectorText}; this needs pod number ${p.index + 1}.`,
        ),
      );
    }
    if (p.kind === 'pod') return pod.name;
    if (!pod.ip) throw new LessonError(say(`Pod ${pod.name}에 아직 IP가 없습니다.`, `Pod ${pod.name} has no IP yet.`));
    return pod.ip;
  }
  const svc = serviceOf(p, facts);
  switch (p.kind) {
    case 'clusterip':
      if (!svc.clusterIP || svc.clusterIP === 'None') throw new LessonError(say(`Service ${svc.name}에는 ClusterIP가 없습니다.`, `Service ${svc.name} has no cluster IP.`));
      return svc.clusterIP;
    case 'nodeport': {
      const port = svc.ports.find((x) => x.nodePort)?.nodePort;
      if (!port) throw new LessonError(say(`Service ${svc.name}에는 NodePort가 없습니다.`, `Service ${svc.name} has no node port.`));
      return String(port);
    }
    case 'lb': {
      const ip = svc.loadBalancerIPs[0];
      if (!ip) throw new LessonError(say(`Service ${svc.name}의 EXTERNAL-IP가 아직 <pending>입니다.`, `Service ${svc.name} has no external IP yet (<pending>).`));
      return ip;
    }
    case 'svcchain': {
      const port = svc.ports[0];
      if (!port) throw new LessonError(say(`Service ${svc.name}에는 포트가 없습니다.`, `Service ${svc.name} has no port.`));
      const portName = `${svc.namespace}/${svc.name}${port.name ? `:${port.name}` : ''}`;
      return servicePortChains(portName, port.protocol.toLowerCase()).cluster;
    }
  }
}

/** The template with every placeholder replaced; throws LessonError saying what is missing. */
export function resolveTemplate(template: string, facts: Facts): string {
  const { placeholders, problems } = parsePlaceholders(template);
  if (problems.length) throw new Error(problems.join('; '));
  let out = template;
  for (const p of placeholders) out = out.split(p.raw).join(resolvePlaceholder(p, facts));
  return out;
}

/** Namespaces whose pods or services a template needs. */
export function namespacesOf(templates: string[]): string[] {
  const out = new Set<string>();
  for (const t of templates) for (const p of parsePlaceholders(t).placeholders) out.add(p.namespace);
  return [...out];
}
