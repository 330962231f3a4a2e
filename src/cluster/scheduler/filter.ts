// The default profile's filter plugins that matter in the lab, in upstream's
// order (NodeUnschedulable, TaintToleration, NodeAffinity, NodePorts,
// NodeResourcesFit). A node fails at the first plugin that rejects it, with
// that plugin's reasons; "unresolvable" failures are ones preemption could
// not fix.
import type { Node, NodeTaint, Pod } from '../api/types';
import { nodeAllocatable, podRequests, sumRequests } from './resources';
import { firstUntoleratedTaint, taintText, toleratesTaint } from './taints';

export interface FilterResult {
  reasons: string[];
  unresolvable: boolean;
}

interface NodeSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values?: string[];
}
interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}
interface Affinity {
  nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] } };
}

/** What the node lifecycle controller is about to taint a node with when it is not ready. */
export function effectiveTaints(node: Node): NodeTaint[] {
  const taints = [...(node.spec.taints ?? [])];
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status;
  const key = ready === 'False' ? 'node.kubernetes.io/not-ready' : ready === 'True' ? undefined : 'node.kubernetes.io/unreachable';
  const marked = taints.some((t) => (t.key === 'node.kubernetes.io/not-ready' || t.key === 'node.kubernetes.io/unreachable') && t.effect === 'NoSchedule');
  if (key && !marked) taints.push({ key, effect: 'NoSchedule' });
  return taints;
}

function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  switch (r.operator) {
    case 'In':
      return value !== undefined && (r.values ?? []).includes(value);
    case 'NotIn':
      return value === undefined || !(r.values ?? []).includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      const v = Number.parseInt(value ?? '', 10);
      const bound = Number.parseInt(r.values?.[0] ?? '', 10);
      if (Number.isNaN(v) || Number.isNaN(bound)) return false;
      return r.operator === 'Gt' ? v > bound : v < bound;
    }
    default:
      return false;
  }
}

/** nodeSelector and required node affinity (terms ORed, requirements ANDed). */
export function matchesNodeAffinity(pod: Pod, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms = (pod.spec.affinity as Affinity | undefined)?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms) return true;
  return terms.some((t) => {
    const exprs = t.matchExpressions ?? [];
    const fields = t.matchFields ?? [];
    if (!exprs.length && !fields.length) return false;
    return exprs.every((r) => requirementMatches(r, labels[r.key])) && fields.every((r) => r.key === 'metadata.name' && requirementMatches(r, node.metadata.name));
  });
}

function hostPorts(pod: Pod): string[] {
  const ports: string[] = [];
  for (const c of [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])]) {
    for (const p of c.ports ?? []) if (p.hostPort) ports.push(`${p.protocol ?? 'TCP'}/${p.hostPort}/${p.hostIP || '0.0.0.0'}`);
  }
  return ports;
}

function portsConflict(want: string[], used: string[]): boolean {
  for (const w of want) {
    const [proto, port, ip] = w.split('/');
    for (const u of used) {
      const [uproto, uport, uip] = u.split('/');
      if (proto === uproto && port === uport && (ip === uip || ip === '0.0.0.0' || uip === '0.0.0.0')) return true;
    }
  }
  return false;
}

/** Runs the filters for one node; undefined when the pod fits. */
export function filterNode(pod: Pod, node: Node, podsOnNode: Pod[]): FilterResult | undefined {
  if (node.spec.unschedulable && !(pod.spec.tolerations ?? []).some((t) => toleratesTaint(t, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }))) {
    return { reasons: ['node(s) were unschedulable'], unresolvable: true };
  }
  const taint = firstUntoleratedTaint(effectiveTaints(node), pod.spec.tolerations, (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
  if (taint) return { reasons: [`node(s) had untolerated taint ${taintText(taint)}`], unresolvable: true };
  if (!matchesNodeAffinity(pod, node)) return { reasons: ["node(s) didn't match Pod's node affinity/selector"], unresolvable: true };
  const wanted = hostPorts(pod);
  if (wanted.length && portsConflict(wanted, podsOnNode.flatMap(hostPorts))) return { reasons: ["node(s) didn't have free ports for the requested pod ports"], unresolvable: false };
  const req = podRequests(pod);
  const used = sumRequests(podsOnNode);
  const alloc = nodeAllocatable(node);
  const reasons: string[] = [];
  if (used.pods + 1 > alloc.pods) reasons.push('Too many pods');
  if (req.milliCPU > 0 && used.milliCPU + req.milliCPU > alloc.milliCPU) reasons.push('Insufficient cpu');
  if (req.memory > 0 && used.memory + req.memory > alloc.memory) reasons.push('Insufficient memory');
  if (reasons.length) return { reasons, unresolvable: false };
  return undefined;
}

/** The pod's selector-free identity for spreading: its controller. */
export function ownerUID(pod: Pod): string | undefined {
  return pod.metadata.ownerReferences?.find((r) => r.controller)?.uid;
}

