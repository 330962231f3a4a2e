import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LessonStatus } from '../../../shared/api';
import { LessonEngine } from '../../lessons/engine';
import { loadLesson } from '../../lessons/files';
import { loadManifests } from '../../lessons/manifests';
import { ProgressStore } from '../../lessons/progress';
import { resetStep } from '../../lessons/reset';
import { FakeLab } from '../../lessons/testing/fake-lab';
import { LessonHub } from './hub';

const lesson = loadLesson('services');
const manifests = loadManifests();

function hub() {
  const lab = new FakeLab();
  const file = join(mkdtempSync(join(tmpdir(), 'kubelab-hub-')), 'progress.json');
  const h = new LessonHub(() => ({ engine: new LessonEngine(lesson, lab, manifests, new ProgressStore(file)), lab }));
  const seen: LessonStatus[] = [];
  h.subscribe((s) => seen.push(s));
  return { h, lab, seen, file };
}

describe('the lesson hub', () => {
  it('hands the panel every section and step in both languages, without the engine-only parts', () => {
    const view = hub().h.list();
    expect(view.sections.map((s) => s.id)).toEqual(lesson.sections.map((s) => s.id));
    expect(view.sections.flatMap((s) => s.steps).map((s) => s.id)).toEqual(lesson.steps.map((s) => s.id));
    const typo = view.sections.flatMap((s) => s.steps).find((s) => s.id === 'clusterip-describe-typo')!;
    expect(typo).toMatchObject({ host: 'master', fails: true, command: 'kubectl descrive svc clusterip-service' });
    expect(Object.keys(typo)).not.toContain('check');
    expect(view.sections.at(-1)!.quiz.length).toBeGreaterThan(0);
    expect(view.sections[0]!.diagram?.kind).toBe('service-fanout');
  });

  it('announces a pass once, and a reset that takes passes back', async () => {
    const { h, lab, seen } = hub();
    await resetStep(lesson, 'clusterip-get-pods', lab, manifests, 2_000);
    expect(h.status().passed).toBe(0);
    expect(await h.check('clusterip-get-pods')).toMatchObject({ id: 'clusterip-get-pods', passed: true, hint: { ko: '', en: '' } });
    await h.check('clusterip-get-pods');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ passed: 1, current: 'clusterip-get-pods' });
    const failed = await h.check('clusterip-create-service');
    expect(failed.passed).toBe(false);
    expect(failed.hint.en).toMatch(/clusterip-service/);
    expect(seen).toHaveLength(1);
    const r = await h.resetStep('clusterip-create-deployment');
    expect(r).toMatchObject({ target: 'clusterip-create-deployment', settled: true, pending: [] });
    expect(seen).toHaveLength(2);
    expect(seen[1]).toMatchObject({ passed: 0, current: 'clusterip-create-deployment' });
  });

  it('says why a command cannot be filled in yet instead of failing, and fills it in once it can', async () => {
    const { h } = hub();
    const early = await h.command('externalname-typo');
    expect(early.command).toBeUndefined();
    expect(early.problem?.en).toMatch(/ready pod/);
    expect(early.problem?.ko).toMatch(/Pod/);
    await h.resetStep('externalname-typo');
    const ready = await h.command('externalname-typo');
    expect(ready.command).toMatch(/^kubectl exec webui-[a-z0-9-]+ -- curl -sS externalname-svs\.default\.svc\.cluster\.local$/);
    await expect(h.command('no-such-step')).rejects.toThrow(/no-such-step/);
  });

  it('reads the DNS answers and rules a diagram draws', async () => {
    const { h } = hub();
    await h.resetStep('proxy-listen');
    const proxy = await h.diagram('kube-proxy');
    expect(proxy.problems).toEqual([]);
    const rules = proxy.rules[0]!;
    expect(rules).toMatchObject({ host: 'node1', service: 'nodeport-service' });
    expect(rules.entries.map((r) => r.chain).sort()).toEqual(['KUBE-NODEPORTS', 'KUBE-SERVICES']);
    const svc = rules.chains.find((c) => c.name.startsWith('KUBE-SVC-'))!;
    expect(svc.rules.filter((r) => r.jump?.startsWith('KUBE-SEP-')).map((r) => r.probability)).toEqual([expect.closeTo(1 / 3, 3), expect.closeTo(0.5, 3), undefined]);
    expect(rules.chains.filter((c) => c.name.startsWith('KUBE-SEP-')).map((c) => c.rules.find((r) => r.toDestination)?.toDestination)).toHaveLength(3);

    const headless = await h.diagram('headless');
    expect(headless.dns.map((d) => d.service)).toEqual(['headless-service', 'nodeport-service']);
    expect(headless.dns[0]!.records.filter((r) => r.type === 'A')).toHaveLength(3);
    expect(headless.dns[1]!.records.filter((r) => r.type === 'A')).toHaveLength(1);
    await expect(h.diagram('nope')).rejects.toThrow(/no section/);
  });

  it('draws what it can and says what it could not read', async () => {
    const { h } = hub();
    const facts = await h.diagram('headless');
    expect(facts.dns).toEqual([]);
    expect(facts.problems.join(' ')).toMatch(/No ready pod matches app=webui/);
  });
});
