// The shipped Services lesson (resources/lessons/services) as the issue asks for it.
import { describe, expect, it } from 'vitest';
import { loadLesson, manifestNames } from './files';
import { loadManifests } from './manifests';
import type { Text } from './model';

const lesson = loadLesson('services');
const HANGUL = /[\uac00-\ud7a3]/;

function texts(value: unknown, path = ''): { path: string; text: Text }[] {
  if (!value || typeof value !== 'object') return [];
  const v = value as Record<string, unknown>;
  if (typeof v.ko === 'string' && typeof v.en === 'string' && Object.keys(v).length === 2) return [{ path, text: v as unknown as Text }];
  return Object.entries(v).flatMap(([k, x]) => texts(x, `${path}.${k}`));
}

describe('the Services lesson', () => {
  it('has the sections of the issue, in its order', () => {
    expect(lesson.sections.map((s) => `${s.id}:${s.kind}`)).toEqual([
      'what-is-a-service:concept',
      'service-types:concept',
      'clusterip-lab:lab',
      'nodeport-lab:lab',
      'loadbalancer-lab:lab',
      'externalname-lab:lab',
      'headless:lab',
      'kube-proxy:lab',
      'summary:summary',
    ]);
  });

  it('says everything in Korean and in English', () => {
    const all = texts(lesson.sections);
    expect(all.length).toBeGreaterThan(250);
    for (const { path, text } of all) {
      expect(HANGUL.test(text.ko) || /^[\x20-\x7e<>…→×]+$/.test(text.ko), `${path}.ko has no Korean: ${text.ko}`).toBe(true);
      expect(HANGUL.test(text.en), `${path}.en is not English: ${text.en}`).toBe(false);
    }
  });

  it('draws every concept section from named live objects', () => {
    for (const s of lesson.sections.filter((x) => x.kind === 'concept')) {
      expect(s.diagram, s.id).toBeDefined();
      for (const o of s.diagram!.shows) expect(Boolean(o.name) !== Boolean(o.selector), `${s.id}: ${o.kind} needs a name or a selector`).toBe(true);
    }
  });

  it('keeps the seed slips only as steps that show what they do', () => {
    const slip = (text: RegExp) => lesson.steps.filter((s) => text.test(s.command));
    for (const text of [/kubectl descrive/, /delete service --al$/, /externalname-svs/, /\/usr\/share\/html /]) {
      const steps = slip(text);
      expect(steps, String(text)).toHaveLength(1);
      expect(steps[0]!.expect.fails, `${text} fails visibly`).toBe(true);
      expect(steps[0]!.effect).toEqual({ apply: [], delete: [] });
    }
    expect(lesson.steps.filter((s) => s.command.includes('--all')).map((s) => s.id)).toEqual(['nodeport-delete-all']);
  });

  it('uses every manifest, and the four new ones say what the lesson needs', () => {
    const used = new Set(lesson.steps.flatMap((s) => [...s.effect.apply, ...s.effect.delete]));
    expect([...used].sort()).toEqual(manifestNames());
    const m = loadManifests();
    const svc = (file: string) => m.get(file)!.objects[0] as { metadata: { name: string }; spec: Record<string, unknown> };
    expect(svc('nodeport-nginx.yaml')).toMatchObject({ metadata: { name: 'nodeport-service' }, spec: { type: 'NodePort', selector: { app: 'webui' }, ports: [{ port: 80, nodePort: 30200 }] } });
    expect(svc('loadbalancer-nginx.yaml')).toMatchObject({ metadata: { name: 'loadbalancer-service' }, spec: { type: 'LoadBalancer', selector: { app: 'webui' }, ports: [{ port: 80 }] } });
    expect(svc('externalname.yaml')).toMatchObject({ metadata: { name: 'externalname-svc' }, spec: { type: 'ExternalName', externalName: 'web.cloud.test' } });
    expect(svc('headless-nginx.yaml')).toMatchObject({ metadata: { name: 'headless-service' }, spec: { clusterIP: 'None', selector: { app: 'webui' } } });
  });

  it('runs each lab in the host the original lab uses', () => {
    const host = (id: string) => lesson.steps.find((s) => s.id === id)!.host;
    expect(host('nodeport-netstat')).toBe('node1');
    expect(host('nodeport-curl-node2')).toBe('station');
    expect(host('lb-curl')).toBe('station');
    expect(lesson.steps.find((s) => s.id === 'clusterip-curl')!.command).toBe('curl 10.100.100.100');
    expect(lesson.steps.find((s) => s.id === 'nodeport-curl-node2')!.command).toBe('curl 10.100.0.102:30200');
  });

  it('closes with a quiz whose every question has an explanation', () => {
    const summary = lesson.sections.at(-1)!;
    expect(summary.quiz.length).toBeGreaterThanOrEqual(5);
    for (const q of summary.quiz) expect(q.answer).toBeLessThan(q.choices.length);
  });

  it('writes its own sentences, not the seed notes', () => {
    // A few of the seed's own sentences: the lesson says these things in other words.
    const seed = ['동일한 서비스를 제공하는 pod 그룹의 단일 진입점을 제공', '생성된 cluster ip는 3개의 pod로 균등하게 분산시켜 연결', '실제 외부 장비의 IP Address가 저기에 쑝 들어감', 'cluster 안에서 외부에서 접속 시 사용할 도메인을 등록해서 사용', 'pod들의 endpoint를 dns reserving service 받을 수 있도록 지원해 주는 것', 'Service API는 동일 목적의 애플리케이션의 단일 진입점을 만들어 주는 기능이다'];
    const all = texts(lesson.sections).map((t) => t.text.ko).join('\n');
    for (const sentence of seed) expect(all).not.toContain(sentence);
  });
});
