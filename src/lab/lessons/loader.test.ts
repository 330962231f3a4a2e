import { describe, expect, it } from 'vitest';
import { LessonLoadError, parseLesson, type LessonFile } from './loader';

const head = `id: demo
title: { ko: 데모, en: Demo }
summary: { ko: 요약, en: Summary }
`;
const labSection = `id: lab-one
kind: lab
title: { ko: 실습, en: Lab }
body: { ko: 본문, en: Body }
steps:
  - id: make-it
    host: master
    command: kubectl create -f deploy-nginx.yaml
    title: { ko: 만들기, en: Make it }
    text: { ko: 설명, en: Text }
    lookFor: { ko: 출력, en: Output }
    hint: { ko: 힌트, en: Hint }
    check:
      - pods: { selector: app=webui, ready: 3 }
      - object: { kind: Service, name: svc, fields: { 'spec.ports[0].nodePort': 30200, spec.type: { matches: '^Node' } } }
    effect:
      apply: [deploy-nginx.yaml]
`;
const files = (...extra: LessonFile[]): LessonFile[] => [{ name: 'lesson.yaml', text: head }, { name: '01-lab.yaml', text: labSection }, ...extra];
const MANIFESTS = ['deploy-nginx.yaml'];

function problems(fs: LessonFile[]): string[] {
  try {
    parseLesson('resources/lessons/demo', fs, MANIFESTS);
  } catch (err) {
    if (err instanceof LessonLoadError) return err.issues.map((i) => `${i.file}: ${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}

describe('parseLesson', () => {
  it('gives sections in file-name order and steps with their section and defaults', () => {
    const concept = { name: '00-intro.yaml', text: 'id: intro\nkind: concept\ntitle: {ko: 소개, en: Intro}\nbody: {ko: 본문, en: Body}\n' };
    const lesson = parseLesson('resources/lessons/demo', files(concept), MANIFESTS);
    expect(lesson.sections.map((s) => s.id)).toEqual(['intro', 'lab-one']);
    const [step] = lesson.steps;
    expect(step).toMatchObject({ id: 'make-it', section: 'lab-one', host: 'master', expect: { fails: false, output: [] }, effect: { apply: ['deploy-nginx.yaml'], delete: [] } });
    expect(step!.check[0]).toEqual({ type: 'pods', selector: 'app=webui', namespace: 'default', ready: 3, nodes: 1 });
    expect(step!.check[1]).toEqual({
      type: 'object',
      kind: 'Service',
      name: 'svc',
      namespace: 'default',
      absent: false,
      fields: [
        { path: 'spec.ports[0].nodePort', equals: '30200' },
        { path: 'spec.type', matches: '^Node', exists: undefined },
      ],
    });
  });

  it('names the file, the path and what is wrong', () => {
    const broken = labSection.replace('host: master', 'host: mastr').replace('ready: 3', 'ready: three').replace('    command:', '    comand:');
    expect(problems(files().map((f) => (f.name === '01-lab.yaml' ? { ...f, text: broken } : f)))).toEqual([
      'resources/lessons/demo/01-lab.yaml: steps[0].comand: unknown field "comand" (did you mean "command"?)',
      'resources/lessons/demo/01-lab.yaml: steps[0].host: expected one of master, node1, node2, station, cloud; got a string ("mastr")',
      'resources/lessons/demo/01-lab.yaml: steps[0].command: is missing',
      'resources/lessons/demo/01-lab.yaml: steps[0].check[0].pods.ready: expected a whole number, got a string ("three")',
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problems(files({ name: '02-bad.yaml', text: 'id: x\ntitle: {ko: a\n' }))[0]).toMatch(/^resources\/lessons\/demo\/02-bad.yaml: : not valid YAML: .*\(line \d+, column \d+\)$/);
  });

  it('checks placeholders and that every text has both languages', () => {
    const bad = labSection.replace('kubectl create -f deploy-nginx.yaml', 'kubectl exec {pods:app=webui} -- ls').replace('hint: { ko: 힌트, en: Hint }', 'hint: { ko: 힌트 }');
    expect(problems([{ name: 'lesson.yaml', text: head }, { name: '01-lab.yaml', text: bad }])).toEqual([
      'resources/lessons/demo/01-lab.yaml: steps[0].command: unknown placeholder {pods:app=webui}: use one of {pod:...}, {podip:...}, {clusterip:...}, {nodeport:...}, {lb:...}, {svcchain:...}',
      'resources/lessons/demo/01-lab.yaml: steps[0].hint.en: is missing',
    ]);
  });

  it('checks that an effect names a manifest that exists', () => {
    const bad = labSection.replace('apply: [deploy-nginx.yaml]', 'apply: [deploy-ngnix.yaml]');
    expect(problems([{ name: 'lesson.yaml', text: head }, { name: '01-lab.yaml', text: bad }])).toEqual([
      'resources/lessons/demo/01-lab.yaml: steps[0].effect.apply[0]: no manifest "deploy-ngnix.yaml" in resources/manifests (there are: deploy-nginx.yaml)',
    ]);
  });

  it('finds problems across files: duplicate ids, empty labs, a summary without its quiz', () => {
    const again = { name: '02-again.yaml', text: labSection };
    const empty = { name: '03-empty.yaml', text: 'id: empty\nkind: lab\ntitle: {ko: a, en: b}\nbody: {ko: a, en: b}\n' };
    const summary = { name: '04-sum.yaml', text: 'id: sum\nkind: summary\ntitle: {ko: a, en: b}\nbody: {ko: a, en: b}\n' };
    expect(problems(files(again, empty, summary)).map((p) => p.replace('resources/lessons/demo/', ''))).toEqual([
      '02-again.yaml: id: section id "lab-one" is used by 01-lab.yaml too',
      '02-again.yaml: steps[0].id: step id "make-it" is used in 01-lab.yaml too',
      '03-empty.yaml: steps: a lab section needs at least one step',
      '04-sum.yaml: quiz: a summary section needs its quiz',
    ]);
  });

  it('refuses a quiz answer that is not one of the choices', () => {
    const quiz = { name: '05-q.yaml', text: 'id: q\nkind: summary\ntitle: {ko: a, en: b}\nbody: {ko: a, en: b}\nquiz:\n  - id: one\n    question: {ko: a, en: b}\n    choices: [{ko: a, en: b}, {ko: c, en: d}]\n    answer: 2\n    explain: {ko: a, en: b}\n' };
    expect(problems(files(quiz))).toEqual(['resources/lessons/demo/05-q.yaml: quiz[0].answer: is 2, but there are only 2 choices (counted from 0)']);
  });

  it('needs lesson.yaml', () => {
    expect(problems([{ name: '01-lab.yaml', text: labSection }])).toEqual(['resources/lessons/demo/lesson.yaml: : is missing: every lesson folder needs one (id, title, summary)']);
  });

  it('puts every problem in the error message, one per line', () => {
    const err = (() => {
      try {
        parseLesson('resources/lessons/demo', [], MANIFESTS);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err?.message).toBe('lesson resources/lessons/demo has 1 problem:\n  resources/lessons/demo/lesson.yaml: is missing: every lesson folder needs one (id, title, summary)');
  });
});
