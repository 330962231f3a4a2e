import { describe, expect, it } from 'vitest';
import { loadLesson } from './files';
import { loadManifests, objectKey } from './manifests';
import { planReset, UnknownStepError } from './reset-plan';

const lesson = loadLesson('services');
const manifests = loadManifests();
const names = (objects: { kind?: string; metadata: { name?: string } }[]) => objects.map((o) => `${o.kind} ${o.metadata.name}`).sort();

describe('planReset', () => {
  it('before the first step: no lesson object at all, pages as the image has them', () => {
    const plan = planReset(lesson, 'intro-kubernetes-service', manifests);
    expect(plan.keep).toEqual([]);
    expect(names(plan.remove)).toEqual(['Deployment webui', 'Service clusterip-service', 'Service externalname-svc', 'Service headless-service', 'Service loadbalancer-service', 'Service nodeport-service']);
    expect(plan.pages).toEqual([{ selector: 'app=webui', path: '/usr/share/nginx/html/index.html', named: false }]);
  });

  it('a step gets what earlier steps made, not what it makes itself', () => {
    const plan = planReset(lesson, 'clusterip-create-service', manifests);
    expect(names(plan.keep)).toEqual(['Deployment webui']);
    expect(names(plan.remove)).toContain('Service clusterip-service');
  });

  it('follows deletes: after `delete service --all` the ClusterIP Service is gone, pages stay named', () => {
    const plan = planReset(lesson, 'nodeport-create-service', manifests);
    expect(names(plan.keep)).toEqual(['Deployment webui']);
    expect(names(plan.remove)).toContain('Service clusterip-service');
    expect(plan.pages[0]!.named).toBe(true);
  });

  it('the last step has everything the lesson builds', () => {
    const plan = planReset(lesson, 'summary-all-services', manifests);
    expect(names(plan.keep)).toEqual(['Deployment webui', 'Service externalname-svc', 'Service headless-service', 'Service loadbalancer-service', 'Service nodeport-service']);
    expect(plan.remove.map(objectKey)).toEqual(['Service/default/clusterip-service']);
  });

  it('names an unknown step and suggests near ones', () => {
    expect(() => planReset(lesson, 'nodeport', manifests)).toThrow(UnknownStepError);
    expect(() => planReset(lesson, 'nodeport', manifests)).toThrow(/did you mean nodeport-delete-typo/);
  });
});
