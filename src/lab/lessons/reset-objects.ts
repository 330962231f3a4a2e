// Making one lesson object exist as its manifest says, or not exist at all —
// the moves "reset this step" is made of.
import type { Deployment, KubeObject, Service } from '../../cluster/api/types';
import type { ResourceKind } from './checks/spec';
import type { LabControl } from './control';

const NOW = { gracePeriodSeconds: 0 };

/** Creates, taking "already exists" as done: the API server or the learner may have been quicker. */
async function createQuietly(lab: LabControl, o: KubeObject): Promise<boolean> {
  try {
    await lab.create(structuredClone(o));
    return true;
  } catch (err) {
    if ((err as { code?: unknown }).code === 409) return false;
    throw err;
  }
}

export const labelSelectorOf = (labels: Record<string, string> | undefined) =>
  Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

/** The labels a Deployment's pods carry, which is how reset finds what it made. */
export function podLabelsOf(d: KubeObject): string {
  return labelSelectorOf((d as Deployment).spec?.selector?.matchLabels);
}

/** Deletes pods now rather than after their grace period: the step must not wait 30 s for nginx to quit. */
export async function deletePods(lab: LabControl, namespace: string, selector: string): Promise<number> {
  const pods = await lab.list('Pod', namespace, selector);
  await Promise.all(pods.map((p) => lab.delete('Pod', namespace, p.metadata.name!, NOW)));
  return pods.length;
}

/** Removes an object; a Deployment takes its ReplicaSets and pods with it at once. */
export async function removeObject(lab: LabControl, o: KubeObject, did: string[]): Promise<void> {
  const ns = o.metadata.namespace ?? 'default';
  const name = o.metadata.name!;
  const kind = o.kind as ResourceKind;
  if (await lab.delete(kind, ns, name, kind === 'Pod' ? NOW : { propagationPolicy: 'Background' })) did.push(`deleted ${kind} ${name}`);
  if (kind === 'Deployment') {
    const selector = podLabelsOf(o);
    const sets = await lab.list('ReplicaSet', ns, selector);
    await Promise.all(sets.map((rs) => lab.delete('ReplicaSet', ns, rs.metadata.name!, { propagationPolicy: 'Background' })));
    await deletePods(lab, ns, selector);
  }
}

const json = (v: unknown) => JSON.stringify(v ?? null);

/** Whether a live Service differs from its manifest in anything the lesson looks at. */
export function serviceDiffers(want: Service, have: Service): boolean {
  const w = want.spec ?? {};
  const h = have.spec ?? {};
  if ((w.type ?? 'ClusterIP') !== (h.type ?? 'ClusterIP')) return true;
  if (w.clusterIP && w.clusterIP !== h.clusterIP) return true;
  if ((w.externalName ?? '') !== (h.externalName ?? '')) return true;
  if (json(w.selector) !== json(h.selector)) return true;
  const wp = w.ports ?? [];
  const hp = h.ports ?? [];
  if (wp.length !== hp.length) return true;
  return wp.some((p, i) => {
    const q = hp[i]!;
    return p.port !== q.port || String(p.targetPort ?? p.port) !== String(q.targetPort ?? q.port) || (p.nodePort !== undefined && p.nodePort !== q.nodePort);
  });
}

/** Another Service holding the cluster IP or a node port this one needs (created by the learner). */
export function squatters(want: Service, all: Service[]): Service[] {
  const ip = want.spec?.clusterIP;
  const ports = new Set((want.spec?.ports ?? []).map((p) => p.nodePort).filter(Boolean));
  return all.filter((s) => {
    if (s.metadata.name === want.metadata.name && (s.metadata.namespace ?? 'default') === (want.metadata.namespace ?? 'default')) return false;
    if (ip && ip !== 'None' && s.spec?.clusterIP === ip) return true;
    return (s.spec?.ports ?? []).some((p) => p.nodePort && ports.has(p.nodePort));
  });
}

async function createService(lab: LabControl, want: Service, did: string[]): Promise<void> {
  for (const s of squatters(want, (await lab.list('Service', undefined)) as Service[])) {
    await lab.delete('Service', s.metadata.namespace, s.metadata.name!);
    did.push(`deleted Service ${s.metadata.namespace}/${s.metadata.name} (it held an address ${want.metadata.name} needs)`);
  }
  if (await createQuietly(lab, want)) did.push(`created Service ${want.metadata.name}`);
}

/** Makes the object exist as its manifest says: create it, or repair what differs. */
export async function ensureObject(lab: LabControl, want: KubeObject, did: string[]): Promise<void> {
  const ns = want.metadata.namespace ?? 'default';
  const name = want.metadata.name!;
  const kind = want.kind as ResourceKind;
  const have = await lab.get(kind, ns, name);
  if (kind === 'Service') {
    if (have && !serviceDiffers(want as Service, have as Service)) return;
    if (have) {
      await lab.delete('Service', ns, name);
      did.push(`deleted Service ${name} (it differed from its manifest)`);
    }
    return createService(lab, want as Service, did);
  }
  if (kind === 'Deployment' && have) {
    const w = want as Deployment;
    const h = have as Deployment;
    if (json(w.spec.selector) !== json(h.spec?.selector) || json(w.spec.template.metadata?.labels) !== json(h.spec?.template?.metadata?.labels)) {
      await removeObject(lab, have, did);
    } else {
      if ((w.spec.replicas ?? 1) !== (h.spec?.replicas ?? 1)) {
        await lab.patch('Deployment', ns, name, { spec: { replicas: w.spec.replicas ?? 1 } });
        did.push(`scaled Deployment ${name} back to ${w.spec.replicas ?? 1}`);
      }
      return;
    }
  } else if (have) {
    return;
  }
  if (await createQuietly(lab, want)) did.push(`created ${kind} ${name}`);
}

/** The `kubernetes` Service kube-apiserver keeps; `kubectl delete service --all` takes it too. */
export const KUBERNETES_SERVICE: KubeObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
  spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
};

export async function ensureKubernetesService(lab: LabControl, did: string[]): Promise<void> {
  if (await lab.get('Service', 'default', 'kubernetes')) return;
  if (await createQuietly(lab, KUBERNETES_SERVICE)) did.push('created Service kubernetes (the API server had not made it again yet)');
}
