// "Reset this step" and "reset lab". A step's reset brings the cluster to the
// state the lesson has just before that step (reset-plan.ts), then waits —
// within a deadline — until pods, endpoints, the cloud and kube-proxy have
// caught up, so the step's command works the moment the learner runs it.
// "Reset lab" empties the cluster back to its start; hosts are kept.
import type { KubeObject } from '../../cluster/api/types';
import type { LabControl } from './control';
import type { Manifest } from './manifests';
import type { Lesson, Text } from './model';
import { planReset, type ResetPlan } from './reset-plan';
import { deletePods, ensureKubernetesService, ensureObject, removeObject } from './reset-objects';
import { settle, type SettleState } from './reset-settle';
import { say } from './say';

/** The target of the issue: any step's reset is done within five seconds. */
export const STEP_RESET_DEADLINE_MS = 5_000;
export const LAB_RESET_DEADLINE_MS = 20_000;
const POLL_MS = 100;

export interface ResetReport {
  /** The step, or "lab". */
  target: string;
  ms: number;
  /** Everything the step expects is in place (false: the deadline came first; see `pending`). */
  settled: boolean;
  /** What reset changed (English, for logs and the CLI). */
  did: string[];
  pending: Text[];
}

const SYSTEM_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);
const HOME = '/root';

/** The lesson's files back in master's home directory, as shipped. */
export async function writeManifestFiles(lab: LabControl, manifests: ReadonlyMap<string, Manifest>): Promise<void> {
  await lab.putFiles('master', [...manifests.values()].map((m) => ({ path: `${HOME}/${m.file}`, content: m.text })));
}

async function waitUntil(started: number, deadlineMs: number, pass: () => Promise<Text[]>): Promise<Text[]> {
  let pending = await pass();
  while (pending.length && performance.now() - started + POLL_MS < deadlineMs) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    pending = await pass();
  }
  return pending;
}

export async function applyPlan(plan: ResetPlan, lab: LabControl, manifests: ReadonlyMap<string, Manifest>, deadlineMs = STEP_RESET_DEADLINE_MS): Promise<ResetReport> {
  const started = performance.now();
  const did: string[] = [];
  await Promise.all([writeManifestFiles(lab, manifests), ensureKubernetesService(lab, did), ...plan.remove.map((o) => removeObject(lab, o, did))]);
  // Deployments first: Services find their pods sooner.
  const ordered = [...plan.keep].sort((a, b) => Number(b.kind === 'Deployment') - Number(a.kind === 'Deployment'));
  for (const o of ordered) await ensureObject(lab, o, did);
  const state: SettleState = { pagesWritten: new Set(), pagesRight: new Set() };
  const pending = await waitUntil(started, deadlineMs, () => settle(plan, lab, state));
  if (state.pagesWritten.size) did.push(`wrote the pages of ${new Set([...state.pagesWritten].map((k) => k.split(' ')[0])).size} pod(s)`);
  return { target: plan.step, ms: Math.round(performance.now() - started), settled: pending.length === 0, did, pending };
}

export function resetStep(lesson: Lesson, stepId: string, lab: LabControl, manifests: ReadonlyMap<string, Manifest>, deadlineMs = STEP_RESET_DEADLINE_MS): Promise<ResetReport> {
  return applyPlan(planReset(lesson, stepId, manifests), lab, manifests, deadlineMs);
}

const userObject = (o: KubeObject) => !(o.metadata.name === 'kubernetes' && (o.metadata.namespace ?? 'default') === 'default');

/** Everything a learner can make, in every namespace but the system ones; the hosts and the system pods stay. */
export async function resetLab(lab: LabControl, manifests: ReadonlyMap<string, Manifest>, deadlineMs = LAB_RESET_DEADLINE_MS): Promise<ResetReport> {
  const started = performance.now();
  const did: string[] = [];
  const namespaces = (await lab.list('Namespace', undefined)).map((n) => n.metadata.name!).filter((n) => !SYSTEM_NAMESPACES.has(n));
  await Promise.all(namespaces.map(async (ns) => (await lab.delete('Namespace', undefined, ns)) && did.push(`deleted namespace ${ns}`)));
  const emptyDefault = async () => {
    for (const kind of ['Deployment', 'ReplicaSet'] as const) {
      const items = await lab.list(kind, 'default');
      await Promise.all(items.map((o) => lab.delete(kind, 'default', o.metadata.name!, { propagationPolicy: 'Background' })));
      if (items.length) did.push(`deleted ${items.length} ${kind}(s)`);
    }
    const pods = await deletePods(lab, 'default', '');
    if (pods) did.push(`deleted ${pods} pod(s)`);
    for (const kind of ['Service', 'Endpoints', 'EndpointSlice'] as const) {
      const items = (await lab.list(kind, 'default')).filter(userObject).filter((o) => kind !== 'EndpointSlice' || o.metadata.labels?.['kubernetes.io/service-name'] !== 'kubernetes');
      await Promise.all(items.map((o) => lab.delete(kind, 'default', o.metadata.name!)));
      if (items.length && kind === 'Service') did.push(`deleted ${items.length} Service(s)`);
    }
  };
  await Promise.all([emptyDefault(), writeManifestFiles(lab, manifests)]);
  await ensureKubernetesService(lab, did);
  const pending = await waitUntil(started, deadlineMs, async () => {
    const left: Text[] = [];
    const pods = await lab.list('Pod', 'default');
    if (pods.length) {
      await deletePods(lab, 'default', '');
      left.push(say(`default 네임스페이스의 Pod ${pods.length}개 삭제 중`, `${pods.length} pod(s) in default being deleted`));
    }
    const services = (await lab.list('Service', 'default')).filter(userObject);
    if (services.length) left.push(say(`Service ${services.length}개 삭제 중`, `${services.length} Service(s) being deleted`));
    const stillThere = (await lab.list('Namespace', undefined)).filter((n) => namespaces.includes(n.metadata.name!));
    if (stillThere.length) left.push(say(`네임스페이스 ${stillThere.map((n) => n.metadata.name).join(', ')} 삭제 중`, `namespace(s) ${stillThere.map((n) => n.metadata.name).join(', ')} being deleted`));
    return left;
  });
  return { target: 'lab', ms: Math.round(performance.now() - started), settled: pending.length === 0, did, pending };
}
