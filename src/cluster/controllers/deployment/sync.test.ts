import { describe, expect, it } from 'vitest';
import type { Deployment, Pod, ReplicaSet } from '../../api/types';
import { ApiStatusError } from '../../client/rest';
import { computeHash } from './hash';
import { DeploymentSync, podMapFor, type DeploymentActions } from './sync';

const NOW = new Date('2026-01-01T00:10:00Z');

function deployment(over: Partial<Deployment['spec']> = {}, image = 'nginx:1.14'): Deployment {
  return {
    metadata: { name: 'web', namespace: 'default', uid: 'd-uid', generation: 1, resourceVersion: '1' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image }] } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      ...over,
    },
    status: {},
  };
}

/** A ReplicaSet of `d` as the controller made it at `revision`, with `available` of `replicas` pods up. */
function replicaSet(d: Deployment, revision: number, replicas: number, available: number, created: string, image?: string): ReplicaSet {
  const template = structuredClone(d.spec.template);
  if (image) template.spec.containers[0]!.image = image;
  const hash = computeHash(template);
  template.metadata!.labels = { ...template.metadata!.labels, 'pod-template-hash': hash };
  return {
    metadata: {
      name: `web-${hash}`, namespace: 'default', uid: `rs-${hash}`, creationTimestamp: created, generation: 1, resourceVersion: '5',
      annotations: { 'deployment.kubernetes.io/revision': String(revision), 'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas), 'deployment.kubernetes.io/max-replicas': String((d.spec.replicas ?? 1) + 1) },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-uid', controller: true, blockOwnerDeletion: true }],
    },
    spec: { replicas, selector: { matchLabels: { app: 'web', 'pod-template-hash': hash } }, template },
    status: { replicas, readyReplicas: available, availableReplicas: available, observedGeneration: 1 },
  };
}

function world(rsList: ReplicaSet[] = []) {
  const log: string[] = [];
  const events: string[] = [];
  const statuses: Deployment[] = [];
  let rv = 100;
  const actions: DeploymentActions = {
    now: () => NOW,
    async createReplicaSet(rs) {
      if (rsList.some((x) => x.metadata.name === rs.metadata.name)) throw new ApiStatusError(409, { kind: 'Status', metadata: {}, status: 'Failure', reason: 'AlreadyExists', code: 409 }, 'exists');
      log.push(`create ${rs.metadata.name} replicas=${rs.spec.replicas}`);
      const created = { ...structuredClone(rs), metadata: { ...rs.metadata, uid: `uid-${rs.metadata.name}`, resourceVersion: String(++rv), creationTimestamp: NOW.toISOString() } };
      rsList.push(created);
      return created;
    },
    cachedReplicaSet: (_ns, name) => rsList.find((x) => x.metadata.name === name),
    async updateReplicaSet(rs) {
      log.push(`update ${rs.metadata.name} replicas=${rs.spec.replicas}`);
      return { ...rs, metadata: { ...rs.metadata, resourceVersion: String(++rv) } };
    },
    async deleteReplicaSet(rs) {
      log.push(`delete ${rs.metadata.name}`);
    },
    async updateStatus(d) {
      statuses.push(structuredClone(d));
      return { ...d, metadata: { ...d.metadata, resourceVersion: String(++rv) } };
    },
    event: (_d, type, reason, message) => events.push(`${type} ${reason} ${message}`),
    requeueAfter: () => {},
  };
  return { actions, log, events, statuses, rsList };
}

describe('DeploymentSync', () => {
  it('creates the first ReplicaSet at full size, with revision 1', async () => {
    const d = deployment();
    const w = world();
    await new DeploymentSync(structuredClone(d), [], new Map(), w.actions).run();
    const hash = computeHash(d.spec.template);
    expect(w.log).toEqual([`create web-${hash} replicas=3`]);
    const rs = w.rsList[0]!;
    expect(rs.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.spec.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.spec.template.metadata?.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' });
    expect(rs.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-uid', controller: true, blockOwnerDeletion: true }]);
    expect(w.events).toEqual([`Normal ScalingReplicaSet Scaled up replica set web-${hash} from 0 to 3`]);
    const first = w.statuses[0]!;
    expect(first.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(first.status?.conditions).toEqual([
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetCreated', message: `Created new replica set "web-${hash}"`, lastUpdateTime: '2026-01-01T00:10:00Z', lastTransitionTime: '2026-01-01T00:10:00Z' },
    ]);
    const last = w.statuses.at(-1)!.status!;
    expect(last).toMatchObject({ observedGeneration: 1, unavailableReplicas: 3 });
    expect(last.conditions?.map((c) => `${c.type}=${c.status}/${c.reason}`)).toEqual(['Progressing=True/NewReplicaSetCreated', 'Available=False/MinimumReplicasUnavailable']);
  });

  it('reports a complete rollout once every replica is available', async () => {
    const d = deployment();
    const rs = replicaSet(d, 1, 3, 3, '2026-01-01T00:00:00Z');
    d.metadata.annotations = { 'deployment.kubernetes.io/revision': '1' };
    d.status = { observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2, unavailableReplicas: 1, conditions: [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: 'x', lastUpdateTime: '2026-01-01T00:00:00Z', lastTransitionTime: '2026-01-01T00:00:00Z' }] };
    const w = world([rs]);
    await new DeploymentSync(structuredClone(d), w.rsList, new Map(), w.actions).run();
    expect(w.log).toEqual([]);
    const status = w.statuses.at(-1)!.status!;
    expect(status).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(status.unavailableReplicas).toBeUndefined();
    expect(status.conditions).toEqual([
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.', lastUpdateTime: '2026-01-01T00:10:00Z', lastTransitionTime: '2026-01-01T00:10:00Z' },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rs.metadata.name}" has successfully progressed.`, lastUpdateTime: '2026-01-01T00:10:00Z', lastTransitionTime: '2026-01-01T00:00:00Z' },
    ]);
  });

  it('rolls an update within maxSurge and maxUnavailable', async () => {
    const d = deployment({}, 'nginx:1.15');
    d.metadata.annotations = { 'deployment.kubernetes.io/revision': '1' };
    const old = replicaSet(d, 1, 3, 3, '2026-01-01T00:00:00Z', 'nginx:1.14');
    const w = world([old]);
    await new DeploymentSync(structuredClone(d), [...w.rsList], new Map(), w.actions).run();
    const newName = `web-${computeHash(d.spec.template)}`;
    // 25% of 3: surge rounds up to 1, unavailability down to 0.
    expect(w.log).toEqual([`create ${newName} replicas=1`]);
    expect(w.rsList[1]!.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(w.events).toEqual([`Normal ScalingReplicaSet Scaled up replica set ${newName} from 0 to 1`]);

    // The new pod is not available yet: nothing may go down.
    const fresh = { ...w.rsList[1]!, status: { replicas: 1, availableReplicas: 0 } };
    const w2 = world([old, fresh]);
    await new DeploymentSync(structuredClone(d), [old, fresh], new Map(), w2.actions).run();
    expect(w2.log).toEqual([]);

    // Once it is, one old replica goes.
    const ready = { ...fresh, status: { replicas: 1, readyReplicas: 1, availableReplicas: 1 } };
    const w3 = world([old, ready]);
    await new DeploymentSync(structuredClone(d), [old, ready], new Map(), w3.actions).run();
    expect(w3.log).toEqual([`update ${old.metadata.name} replicas=2`]);
    expect(w3.events).toEqual([`Normal ScalingReplicaSet Scaled down replica set ${old.metadata.name} from 3 to 2`]);
  });

  it('recreates: old pods go first, the new ReplicaSet comes after they are gone', async () => {
    const d = deployment({ strategy: { type: 'Recreate' }, replicas: 2 }, 'nginx:1.15');
    const old = replicaSet(d, 1, 2, 2, '2026-01-01T00:00:00Z', 'nginx:1.14');
    const w = world([old]);
    await new DeploymentSync(structuredClone(d), [...w.rsList], new Map(), w.actions).run();
    expect(w.log).toEqual([`update ${old.metadata.name} replicas=0`]);

    const drained = { ...old, spec: { ...old.spec, replicas: 0 }, status: { replicas: 0 } };
    const pod: Pod = { metadata: { name: 'p', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: old.metadata.name!, uid: old.metadata.uid!, controller: true }] }, spec: { containers: [] }, status: { phase: 'Running' } };
    const w2 = world([drained]);
    await new DeploymentSync(structuredClone(d), [drained], podMapFor([drained], [pod]), w2.actions).run();
    expect(w2.log).toEqual([]);

    const w3 = world([drained]);
    await new DeploymentSync(structuredClone(d), [drained], podMapFor([drained], []), w3.actions).run();
    expect(w3.log).toEqual([`create web-${computeHash(d.spec.template)} replicas=2`]);
  });

  it('scales the one active ReplicaSet when only replicas change', async () => {
    const d = deployment({ replicas: 5 });
    d.metadata.annotations = { 'deployment.kubernetes.io/revision': '1' };
    const rs = replicaSet(deployment(), 1, 3, 3, '2026-01-01T00:00:00Z');
    const w = world([rs]);
    await new DeploymentSync(structuredClone(d), [rs], new Map(), w.actions).run();
    expect(w.log).toEqual([`update ${rs.metadata.name} replicas=5`]);
    expect(w.events).toEqual([`Normal ScalingReplicaSet Scaled up replica set ${rs.metadata.name} from 3 to 5`]);
  });

  it('scales proportionally in the middle of a rollout', async () => {
    const d = deployment({ replicas: 6 }, 'nginx:1.15');
    d.metadata.annotations = { 'deployment.kubernetes.io/revision': '2' };
    const old = replicaSet(deployment(), 1, 2, 2, '2026-01-01T00:00:00Z', 'nginx:1.14');
    const neu = replicaSet(deployment(), 2, 2, 0, '2026-01-01T00:05:00Z', 'nginx:1.15');
    const w = world([old, neu]);
    await new DeploymentSync(structuredClone(d), [old, neu], new Map(), w.actions).run();
    // Allowed 6 + 2 surge = 8; 4 to add, split by size with the newer first.
    expect(w.log).toEqual([`update ${neu.metadata.name} replicas=4`, `update ${old.metadata.name} replicas=4`]);
  });

  it('keeps only revisionHistoryLimit old ReplicaSets', async () => {
    const d = deployment({ revisionHistoryLimit: 1 }, 'nginx:1.17');
    d.metadata.annotations = { 'deployment.kubernetes.io/revision': '4' };
    const olds = ['1.14', '1.15', '1.16'].map((v, i) => ({ ...replicaSet(d, i + 1, 0, 0, `2026-01-01T00:0${i}:00Z`, `nginx:${v}`), status: { replicas: 0, observedGeneration: 1 } }));
    const current = replicaSet(d, 4, 3, 3, '2026-01-01T00:05:00Z');
    d.status = { observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 };
    const w = world([...olds, current]);
    await new DeploymentSync(structuredClone(d), [...olds, current], new Map(), w.actions).run();
    expect(w.log).toEqual([`delete ${olds[0]!.metadata.name}`, `delete ${olds[1]!.metadata.name}`]);
  });

  it('warns about a selector that selects everything', async () => {
    const d = deployment({ selector: {} });
    const w = world();
    await new DeploymentSync(structuredClone(d), [], new Map(), w.actions).run();
    expect(w.events).toEqual(['Warning SelectingAll This deployment is selecting all pods. A non-empty selector is required.']);
    expect(w.log).toEqual([]);
  });
});

describe('DeploymentSync on a name already taken', () => {
  it('adopts its own ReplicaSet, bumps collisionCount for a stranger, and waits for a cache that lags', async () => {
    const d = deployment();
    const mine = replicaSet(d, 1, 3, 0, '2026-01-01T00:00:00Z');
    // The cache does not list it (so no new RS is found), but the server has it.
    const w = world([]);
    w.actions.createReplicaSet = async () => {
      throw new ApiStatusError(409, { kind: 'Status', metadata: {}, status: 'Failure', reason: 'AlreadyExists', code: 409 }, 'exists');
    };
    await expect(new DeploymentSync(structuredClone(d), [], new Map(), w.actions).run()).rejects.toThrow('not in the cache yet');
    expect(w.statuses).toEqual([]);

    w.actions.cachedReplicaSet = () => mine;
    await new DeploymentSync(structuredClone(d), [], new Map(), w.actions).run();
    expect(w.statuses.at(-1)!.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');

    const stranger = { ...mine, metadata: { ...mine.metadata, ownerReferences: [] } };
    w.actions.cachedReplicaSet = () => stranger;
    await expect(new DeploymentSync(structuredClone(d), [], new Map(), w.actions).run()).rejects.toThrow('exists');
    expect((w.statuses.at(-1)!.status as { collisionCount?: number }).collisionCount).toBe(1);
  });
});
