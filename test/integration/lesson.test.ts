// Issue "Guided lab mode": every step of the Services lesson on the real lab.
// For each step: "reset this step", then — for a step that changes the
// cluster — its check is not passed yet and says what is missing; then the
// step's command runs in its host as the learner's terminal would run it, its
// output holds what the lesson tells the learner to look for, and the check
// passes against the live cluster.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../src/cluster/api/types';
import { checkStep, type CheckAnswer } from '../../src/lab/lessons/checks/run';
import { LiveView } from '../../src/lab/lessons/checks/view';
import { loadLesson } from '../../src/lab/lessons/files';
import { LiveLab } from '../../src/lab/lessons/live-access';
import { loadManifests } from '../../src/lab/lessons/manifests';
import type { Step } from '../../src/lab/lessons/model';
import { resetStep } from '../../src/lab/lessons/reset';
import { DEFAULT_API_PORT } from '../../src/lab/topology/plan';
import { docker, exec, kubelab, lab, up } from './lab';

const lesson = loadLesson('services');
const manifests = loadManifests();
const live = new LiveLab(docker, lab, `http://127.0.0.1:${Number(process.env.KUBELAB_API_PORT) || DEFAULT_API_PORT}`);
process.env.KUBELAB_PROGRESS_FILE = join(mkdtempSync(join(tmpdir(), 'kubelab-lesson-')), 'progress.json');

const changes = (s: Step) => s.effect.apply.length > 0 || s.effect.delete.length > 0 || Boolean(s.effect.podNameFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The cluster takes a moment after a command (pods start, rules sync): ask again, as the panel does. */
async function eventually(step: Step, ms = 20_000): Promise<CheckAnswer> {
  const until = Date.now() + ms;
  let answer = await checkStep(step, live);
  while (!answer.passed && Date.now() < until) {
    await sleep(250);
    answer = await checkStep(step, live);
  }
  return answer;
}

/** Three ready nodes, a kube-proxy on each, the cluster DNS answering: what the lesson stands on. */
async function clusterReady(timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let why = '';
  while (Date.now() < until) {
    try {
      const nodes = (await live.list('Node', undefined)) as Node[];
      const ready = nodes.filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
      const system = (await live.list('Pod', 'kube-system')) as Pod[];
      const running = (label: string) => system.filter((p) => p.metadata.labels?.['k8s-app'] === label && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
      why = `${ready.length}/3 nodes ready, ${running('kube-proxy')}/3 kube-proxy, ${running('kube-dns')} coredns ready`;
      if (ready.length >= 3 && running('kube-proxy') >= 3 && running('kube-dns') >= 1) return;
    } catch (err) {
      why = (err as Error).message;
    }
    await sleep(2_000);
  }
  throw new Error(`the cluster did not come up: ${why}`);
}

beforeAll(async () => {
  // KUBELAB_SHARED_LAB=1: the lab is someone else's, running: use it as it is
  // (`up` would push newer cluster bundles into it and restart its hosts).
  if (!process.env.KUBELAB_SHARED_LAB) await up();
  await clusterReady(300_000);
}, 600_000);

describe('the Services lesson, step by step, on the real lab', () => {
  for (const step of lesson.steps) {
    it(`${step.id} (${step.host}: ${step.command.split('\n')[0]})`, async () => {
      const report = await resetStep(lesson, step.id, live, manifests);
      expect(report.pending.map((p) => p.en), `reset of ${step.id} took ${report.ms} ms`).toEqual([]);

      if (changes(step)) {
        const before = await checkStep(step, live);
        expect(before.passed, `${step.id} passed before its command`).toBe(false);
        expect(before.hint.en.length, 'the hint says what is missing before the step hint').toBeGreaterThan(step.hint.en.length);
      }

      const view = new LiveView(live);
      const command = await view.resolve(step.command);
      // As a terminal runs it: a login shell in root's home, where the lesson's files are.
      const r = await exec(step.host, ['bash', '-lc', `cd /root && ${command}`], { timeoutMs: 30_000 });
      const output = r.stdout + r.stderr;
      expect(r.exitCode !== 0, `${command} exited ${r.exitCode}:\n${output}`).toBe(step.expect.fails);
      for (const wanted of step.expect.output) expect(output, `${command}: what the learner is told to look for`).toContain(await view.resolve(wanted));

      const answer = await eventually(step);
      expect(answer.hint.en).toBe('');
      expect(answer.passed).toBe(true);
    });
  }
});

describe('a step not done yet', () => {
  it('is not passed, and the hint says what is missing and what to do', async () => {
    const step = lesson.steps.find((s) => s.id === 'nodeport-create-service')!;
    await resetStep(lesson, step.id, live, manifests);
    const answer = await checkStep(step, live);
    expect(answer).toMatchObject({ id: 'nodeport-create-service', passed: false });
    expect(answer.hint.en).toBe(`There is no Service nodeport-service yet. ${step.hint.en}`);
    expect(answer.hint.ko).toBe(`Service nodeport-service이(가) 아직 없습니다. ${step.hint.ko}`);
  });

  it('answers the same through `kubelab lesson check --json`, within half a second', async () => {
    const r = kubelab(['lesson', 'check', 'nodeport-create-service', '--json', '--lang', 'en']);
    expect(r.status, r.stderr).toBe(1);
    const answer = JSON.parse(r.stdout) as { id: string; passed: boolean; hint: string; ms: number };
    expect(answer).toMatchObject({ id: 'nodeport-create-service', passed: false });
    expect(answer.hint).toMatch(/^There is no Service nodeport-service yet\./);
    expect(answer.ms).toBeLessThanOrEqual(500);
  });
});

describe('kubelab lesson, headless', () => {
  it('lists every step with its host, command, and texts in both languages', () => {
    const r = kubelab(['lesson', 'list', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout) as { steps: { id: string; section: string; host: string; command: string; title: { ko: string; en: string }; text: { ko: string; en: string } }[] };
    expect(list.steps.map((s) => s.id)).toEqual(lesson.steps.map((s) => s.id));
    expect(list.steps[0]).toMatchObject({ section: 'what-is-a-service', host: 'master', command: 'kubectl get service kubernetes' });
    expect(list.steps.every((s) => s.title.ko && s.title.en && s.text.ko && s.text.en)).toBe(true);
  });

  it('resets a step, checks it after its command, and remembers it passed', () => {
    expect(kubelab(['lesson', 'reset', 'externalname-create-service', '--json']).status).toBe(0);
    expect(kubelab(['exec', 'master', '--', 'kubectl', 'create', '-f', '/root/externalname.yaml']).status).toBe(0);
    const check = kubelab(['lesson', 'check', 'externalname-create-service', '--json']);
    expect(JSON.parse(check.stdout)).toMatchObject({ id: 'externalname-create-service', passed: true, hint: '' });
    const status = JSON.parse(kubelab(['lesson', 'status', '--json']).stdout) as { steps: { id: string; passed: boolean }[] };
    expect(status.steps.find((s) => s.id === 'externalname-create-service')?.passed).toBe(true);
  });

  it('`kubelab reset` empties the cluster, keeping the hosts and the system', async () => {
    const r = kubelab(['reset', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const services = await live.list('Service', 'default');
    expect(services.map((s) => s.metadata.name)).toEqual(['kubernetes']);
    expect(await live.list('Pod', 'default')).toEqual([]);
    await clusterReady(60_000);
  });
});
