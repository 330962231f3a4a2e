import { describe, expect, it } from 'vitest';
import type { Deployment, Service } from '../../cluster/api/types';
import { loadLesson } from './files';
import { loadManifests } from './manifests';
import { resetLab, resetStep } from './reset';
import { FakeLab } from './testing/fake-lab';

const lesson = loadLesson('services');
const manifests = loadManifests();

describe('resetStep', () => {
  it('waits for pods to become ready, then names their pages, within the deadline', async () => {
    const lab = new FakeLab();
    lab.podDelay = 30;
    const r = await resetStep(lesson, 'clusterip-curl-spread', lab, manifests, 3_000);
    expect(r.settled).toBe(true);
    expect(r.did).toEqual(expect.arrayContaining(['created Deployment webui', 'created Service clusterip-service', 'wrote the pages of 3 pod(s)']));
    expect([...lab.pages.entries()].every(([pod, page]) => page === `${pod}\n`)).toBe(true);
  });

  it('says what it still waits for when the deadline comes first', async () => {
    const lab = new FakeLab();
    lab.podDelay = 1_000_000;
    const r = await resetStep(lesson, 'clusterip-get-pods', lab, manifests, 300);
    expect(r.settled).toBe(false);
    expect(r.ms).toBeLessThan(1_000);
    expect(r.pending).toEqual([{ ko: 'webui Pod 3개 중 0개 준비됨', en: '0 of 3 webui pods ready' }]);
  });

  it("puts the lesson's files back into master's home directory", async () => {
    const lab = new FakeLab();
    await resetStep(lesson, 'intro-kubernetes-service', lab, manifests, 1_000);
    expect(lab.files.get('master:/root/nodeport-nginx.yaml')).toBe(manifests.get('nodeport-nginx.yaml')!.text);
    expect([...lab.files.keys()].filter((k) => k.startsWith('master:/root/')).length).toBe(manifests.size);
  });

  it('makes the `kubernetes` Service again if `delete service --all` took it', async () => {
    const lab = new FakeLab();
    await lab.delete('Service', 'default', 'kubernetes');
    const r = await resetStep(lesson, 'intro-kubernetes-service', lab, manifests, 1_000);
    expect(r.did).toContain('created Service kubernetes (the API server had not made it again yet)');
    expect((await lab.get('Service', 'default', 'kubernetes'))?.spec).toMatchObject({ clusterIP: '10.96.0.1' });
  });

  it('takes "already exists" as done when the API server makes `kubernetes` at the same moment', async () => {
    const lab = new FakeLab();
    await lab.delete('Service', 'default', 'kubernetes');
    const create = lab.create.bind(lab);
    lab.create = async (o) => {
      if (o.metadata.name === 'kubernetes') {
        await create(o);
        throw Object.assign(new Error('services "kubernetes" already exists'), { code: 409 });
      }
      return create(o);
    };
    const r = await resetStep(lesson, 'intro-kubernetes-service', lab, manifests, 1_000);
    expect(r.settled).toBe(true);
    expect(r.did).not.toContain('created Service kubernetes (the API server had not made it again yet)');
  });

  it("moves a learner's Service off the node port and repairs an edited one", async () => {
    const lab = new FakeLab();
    await lab.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'mine', namespace: 'default' }, spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 30200 }] } } as Service);
    const r = await resetStep(lesson, 'nodeport-get-service', lab, manifests, 2_000);
    expect(r.did).toContain('deleted Service default/mine (it held an address nodeport-service needs)');
    expect((await lab.get('Service', 'default', 'nodeport-service'))?.spec).toMatchObject({ type: 'NodePort', ports: [{ nodePort: 30200 }] });

    await lab.patch('Service', 'default', 'nodeport-service', { spec: { type: 'ClusterIP' } });
    const again = await resetStep(lesson, 'nodeport-get-service', lab, manifests, 2_000);
    expect(again.did).toEqual(expect.arrayContaining(['deleted Service nodeport-service (it differed from its manifest)', 'created Service nodeport-service']));
  });

  it('scales the Deployment back when the learner changed its replicas, and changes nothing when all is in place', async () => {
    const lab = new FakeLab();
    await resetStep(lesson, 'clusterip-get-pods', lab, manifests, 2_000);
    await lab.patch('Deployment', 'default', 'webui', { spec: { replicas: 5 } });
    const r = await resetStep(lesson, 'clusterip-get-pods', lab, manifests, 2_000);
    expect(r.did).toContain('scaled Deployment webui back to 3');
    expect(((await lab.get('Deployment', 'default', 'webui')) as Deployment).spec.replicas).toBe(3);
    lab.writes.length = 0;
    const idle = await resetStep(lesson, 'clusterip-get-pods', lab, manifests, 2_000);
    expect(idle.did).toEqual([]);
    expect(lab.writes).toEqual([]);
  });

  it('clears pods still terminating after a scale-down, so the step never lists them', async () => {
    const lab = new FakeLab();
    await resetStep(lesson, 'clusterip-get-pods', lab, manifests, 2_000);
    const [pod] = lab.all('Pod', 'default');
    pod!.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
    const r = await resetStep(lesson, 'clusterip-get-pods', lab, manifests, 2_000);
    expect(r.settled).toBe(true);
    expect(lab.writes).toContain(`delete Pod ${pod!.metadata.name}`);
    expect(lab.all('Pod', 'default').every((p) => !p.metadata.deletionTimestamp)).toBe(true);
  });

  it('removes what later steps add, pods of a removed Deployment included', async () => {
    const lab = new FakeLab();
    await resetStep(lesson, 'summary-all-services', lab, manifests, 2_000);
    const r = await resetStep(lesson, 'clusterip-create-deployment', lab, manifests, 2_000);
    expect(r.settled).toBe(true);
    expect(lab.all('Service', 'default').map((s) => s.metadata.name)).toEqual(['kubernetes']);
    expect(lab.all('Pod', 'default')).toEqual([]);
    expect(lab.all('Deployment')).toEqual([]);
  });
});

describe('resetLab', () => {
  it('empties the cluster but keeps the system and the kubernetes Service', async () => {
    const lab = new FakeLab();
    await resetStep(lesson, 'summary-all-services', lab, manifests, 2_000);
    await lab.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    const r = await resetLab(lab, manifests, 2_000);
    expect(r.settled).toBe(true);
    expect(r.did).toEqual(expect.arrayContaining(['deleted namespace team', 'deleted 1 Deployment(s)', 'deleted 4 Service(s)']));
    expect(lab.all('Service').map((s) => s.metadata.name)).toEqual(['kubernetes']);
    expect(lab.all('Pod', 'default')).toEqual([]);
    expect(lab.all('Pod', 'kube-system')).toHaveLength(3);
    expect(lab.all('Namespace').map((n) => n.metadata.name).sort()).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
  });
});
