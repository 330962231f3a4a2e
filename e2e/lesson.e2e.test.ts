// Issue "Guided lab mode", in the app: the whole Services lesson in Chromium
// through `kubelab serve`, from the first step to the last, only by pressing
// each step's button and Enter in the terminal it typed into, every check
// seen passing in the panel; progress surviving a restart of the app; "reset
// this step" through the panel; and every step's reset, over the WebSocket,
// making that step's check pass after its command. Screenshots of the panel
// in Korean and English land in test-results/e2e/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLesson } from '../src/lab/lessons/files';
import type { ApiEvents, ApiRequests, LessonCheck, LessonCommand, LessonReset, LessonStatus, WireServerMessage } from '../src/shared/api';
import { openBrowser, screenshot } from './support/browser';
import { LAB, controlPlaneBuilt, kubelab, labRunning, startServe, type Served } from './support/lab';
import { pane, waitForText } from './support/terminal';

const lesson = loadLesson('services');
const changes = (s: (typeof lesson.steps)[number]) => s.effect.apply.length > 0 || s.effect.delete.length > 0 || Boolean(s.effect.podNameFile);

let served: Served;
let context: BrowserContext;
let page: Page;
let reused = false;

const panel = () => page.getByTestId('lesson-panel');
const stepCard = (id: string) => page.getByTestId(`lesson-step-${id}`);

async function openApp(url: string): Promise<void> {
  await page.goto(url);
  const image = page.getByTestId('check-image');
  await image.and(page.locator('[data-state="ok"], [data-state="problem"]')).waitFor({ timeout: 60_000 });
  if ((await image.getAttribute('data-state')) === 'problem') {
    // A machine without the image (this file ran first): build it from the UI, once.
    await page.getByTestId('build-image').click();
    await image.and(page.locator('[data-state="ok"]')).waitFor({ timeout: 900_000 });
  }
  await page.getByTestId('start-lab').click({ timeout: 60_000 });
  await page.getByTestId('workspace').waitFor({ timeout: 300_000 });
  if (!(await page.getByTestId('lesson-slot').count())) await page.getByTestId('toggle-lesson').click();
  await panel().and(page.locator('[data-state="ready"]')).waitFor({ timeout: 30_000 });
}

/** Which terminal has the keyboard: the one the step's button typed into. */
const focusedTerminal = () => page.evaluate(() => document.activeElement?.closest('[data-testid="terminal-pane"]')?.getAttribute('data-target') ?? null);

async function progress(): Promise<{ passed: number; total: number }> {
  const p = page.getByTestId('lesson-progress');
  return { passed: Number(await p.getAttribute('data-passed')), total: Number(await p.getAttribute('data-total')) };
}

/** The learner's part of a step: its button, then Enter in the terminal it typed into; then the panel must show it passed. */
async function doStep(id: string, host: string): Promise<number> {
  const started = Date.now();
  await page.getByTestId(`lesson-type-${id}`).click();
  await expect.poll(focusedTerminal, { timeout: 30_000, message: `${id}: the button should put the keyboard in ${host}'s terminal` }).toBe(host);
  const command = (await page.getByTestId(`lesson-command-${id}`).innerText()).trim();
  // What the button typed is on the terminal's line, not run yet.
  await waitForText(pane(page, host), new RegExp(command.slice(0, 24).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s')), 15_000);
  const typed = Date.now() - started;
  const card = stepCard(id);
  // Nothing passes before the learner runs the command.
  expect(await card.getAttribute('data-state'), id).not.toBe('passed');
  if (id === 'clusterip-create-deployment') {
    // The button typed the command; it did not press Enter for the learner.
    await page.waitForTimeout(1_000);
    expect(kubelab(['exec', 'master', '--', 'kubectl', 'get', 'deployment', 'webui']).code).not.toBe(0);
  }
  await page.keyboard.press('Enter');
  try {
    await card.and(page.locator('[data-state="passed"]')).waitFor({ timeout: 60_000 });
  } catch {
    const hint = await card.locator('.step-check').innerText().catch(() => '');
    throw new Error(`${id} did not pass after its command (${command}); the panel says: ${hint}\n${host}'s terminal:\n${await pane(page, host).locator('.xterm-rows').innerText()}`);
  }
  const ms = Date.now() - started;
  if (ms > 5_000) console.log(`e2e: ${id} took ${ms} ms (${typed} ms until typed)`);
  return ms;
}

beforeAll(async () => {
  reused = labRunning();
  console.log(reused ? `e2e: lab "${LAB}" is running: the lesson test resets its cluster (hosts kept) and leaves it up` : `e2e: no lab running: the UI starts "${LAB}" and the test removes it at the end`);
  served = await startServe();
  ({ context, page } = await openBrowser('en-US'));
}, 60_000);

afterAll(async () => {
  await context?.close();
  await served?.stop();
  if (!reused) console.log(`e2e: kubelab down: ${kubelab(['down']).out.trim()}`);
});

const cluster = controlPlaneBuilt();
if (!cluster) console.log('e2e: SKIPPING the lesson: the control plane is not built yet (dist/cluster)');

describe.runIf(cluster)('the Services lesson in the app', () => {
  it('opens the panel beside the lab and starts the lesson over from an empty cluster', async () => {
    await openApp(served.url);
    await page.getByTestId('lesson-reset-lab').click();
    await page.getByTestId('lesson-reset-lab-yes').click();
    await expect.poll(() => page.getByTestId('lesson-reset-lab-note').innerText(), { timeout: 60_000 }).toMatch(/back at its start/);
    expect(await progress()).toEqual({ passed: 0, total: lesson.steps.length });
    await page.getByTestId(`lesson-section-${lesson.sections[0]!.id}`).waitFor();
    // Nothing of the lesson exists yet: the picture says what will be drawn, and stands in dashed boxes.
    const diagram = page.getByTestId('lesson-diagram-service-fanout');
    await expect.poll(() => diagram.getAttribute('data-live'), { timeout: 15_000 }).toBe('false');
    expect(await diagram.getByTestId('lesson-diagram-empty').innerText()).toMatch(/Once the ClusterIP lab creates the webui pods/);
    await screenshot(page, '20-lesson-en-empty-cluster');
  }, 1_500_000);

  it('goes from the first step to the last by each step\'s button and Enter, and sees every check pass', async () => {
    const started = Date.now();
    const times: string[] = [];
    for (const [i, section] of lesson.sections.entries()) {
      await page.getByTestId(`lesson-section-${section.id}`).waitFor();
      for (const step of section.steps) {
        const ms = await doStep(step.id, step.host);
        times.push(`${step.id} ${ms} ms`);
      }
      if (section.id === 'clusterip-lab') {
        // Back in the first section, its picture now shows the real ClusterIP and the real three pods with their IPs.
        await page.getByTestId('lesson-section-select').selectOption('what-is-a-service');
        const svg = page.getByTestId('lesson-diagram-service-fanout');
        await expect.poll(() => svg.locator('[data-box="svc:clusterip-service"]').getAttribute('data-live'), { timeout: 15_000 }).toBe('true');
        expect(await svg.locator('[data-box="svc:clusterip-service"]').textContent()).toContain('10.100.100.100');
        const pods = kubelab(['exec', 'master', '--', 'kubectl', 'get', 'pod', '-l', 'app=webui', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.status.podIP}{"\\n"}{end}']).out.trim().split('\n');
        expect(pods).toHaveLength(3);
        for (const line of pods) {
          const [name, ip] = line.split(' ');
          expect(await svg.locator(`[data-box="pod:${name}"]`).textContent()).toContain(ip);
        }
        await svg.scrollIntoViewIfNeeded();
        await screenshot(page, '21-lesson-en-clusterip-live');
        expect(await svg.locator('[data-box="svc:clusterip-service"]').getAttribute('data-live'), 'the picture as the screenshot shows it').toBe('true');
        await page.getByTestId('lesson-section-select').selectOption(section.id);
      }
      if (section.quiz.length) {
        const [first, ...rest] = section.quiz;
        const q = page.getByTestId(`lesson-quiz-${first!.id}`);
        await page.getByTestId(`lesson-quiz-${first!.id}-choice-${(first!.answer + 1) % first!.choices.length}`).check();
        await page.getByTestId(`lesson-quiz-${first!.id}-check`).click();
        expect(await q.getAttribute('data-result')).toBe('wrong');
        expect(await q.locator('.explain').innerText()).toBe(first!.explain.en);
        await page.getByTestId(`lesson-quiz-${first!.id}-choice-${first!.answer}`).check();
        await page.getByTestId(`lesson-quiz-${first!.id}-check`).click();
        expect(await q.getAttribute('data-result')).toBe('right');
        for (const item of rest) {
          // By keyboard: focus a choice, arrow to the right one, Enter on the button.
          await page.getByTestId(`lesson-quiz-${item.id}-choice-0`).focus();
          await page.keyboard.press('Space');
          for (let k = 0; k < item.answer; k++) await page.keyboard.press('ArrowDown');
          await page.getByTestId(`lesson-quiz-${item.id}-check`).focus();
          await page.keyboard.press('Enter');
          expect(await page.getByTestId(`lesson-quiz-${item.id}`).getAttribute('data-result'), item.id).toBe('right');
        }
        expect(await page.getByTestId('lesson-quiz-score').innerText()).toBe(`${section.quiz.length} of ${section.quiz.length} answered right`);
      }
      if (i < lesson.sections.length - 1) await page.getByTestId('lesson-next-bottom').click();
    }
    await expect.poll(progress, { timeout: 10_000 }).toEqual({ passed: lesson.steps.length, total: lesson.steps.length });
    const saved = JSON.parse(readFileSync(join(served.configDir, 'lesson-progress.json'), 'utf8')) as { lessons: Record<string, { steps: Record<string, unknown> }> };
    expect(Object.keys(saved.lessons.services!.steps).sort()).toEqual(lesson.steps.map((s) => s.id).sort());
    console.log(`e2e: the whole lesson through the panel: ${lesson.steps.length} steps in ${((Date.now() - started) / 1000).toFixed(1)} s (${times.join(', ')})`);
  }, 900_000);

  it('draws the other pictures from the live cluster, in English and Korean, light and dark', async () => {
    const select = page.getByTestId('lesson-section-select');
    await select.selectOption('kube-proxy');
    const chains = page.getByTestId('lesson-diagram-kube-proxy-chains');
    await expect.poll(() => chains.getAttribute('data-live'), { timeout: 15_000 }).toBe('true');
    await expect.poll(() => chains.locator('[data-box^="KUBE-SEP-"]').count(), { timeout: 15_000 }).toBe(3);
    await chains.scrollIntoViewIfNeeded();
    await screenshot(page, '22-lesson-en-kube-proxy');
    await select.selectOption('headless');
    const dns = page.getByTestId('lesson-diagram-headless-dns');
    await expect.poll(() => dns.locator('[data-box="dns:headless"]').getAttribute('data-live'), { timeout: 15_000 }).toBe('true');
    expect((await dns.locator('[data-box="dns:headless"] text').allTextContents()).filter((l) => /^A 10\.244\./.test(l))).toHaveLength(3);

    await page.getByTestId('language-select').selectOption('ko');
    await page.getByTestId('theme-select').selectOption('dark');
    await select.selectOption('nodeport-lab');
    await expect.poll(() => page.locator('#section-title-nodeport-lab').innerText()).toBe('실습 2: NodePort');
    expect(await page.getByTestId('lesson-type-nodeport-create-service').innerText()).toBe('master 터미널에 입력');
    await expect.poll(() => page.getByTestId('lesson-diagram-nodeport-path').locator('[data-box="node:node1"]').textContent(), { timeout: 15_000 }).toContain('10.100.0.101:30200');
    await screenshot(page, '23-lesson-ko-dark-nodeport');
    await select.selectOption('service-types');
    await page.getByTestId('lesson-diagram-service-types').scrollIntoViewIfNeeded();
    await screenshot(page, '24-lesson-ko-dark-types');
    await select.selectOption('summary');
    const quiz = lesson.sections.at(-1)!.quiz.find((q) => q.id === 'lb-builds-on-nodeport')!;
    await page.getByTestId(`lesson-quiz-${quiz.id}-choice-${quiz.answer}`).check();
    await page.getByTestId(`lesson-quiz-${quiz.id}-check`).click();
    expect(await page.getByTestId(`lesson-quiz-${quiz.id}`).locator('.explain').innerText()).toBe(quiz.explain.ko.replace(/`/g, ''));
    await page.getByTestId(`lesson-quiz-${quiz.id}`).scrollIntoViewIfNeeded();
    await screenshot(page, '25-lesson-ko-dark-quiz');
    await page.getByTestId('theme-select').selectOption('light');
    await select.selectOption('loadbalancer-lab');
    await page.getByTestId('lesson-diagram-loadbalancer-path').scrollIntoViewIfNeeded();
    await screenshot(page, '26-lesson-ko-light-loadbalancer');
    await page.getByTestId('language-select').selectOption('en');
  }, 120_000);

  it('remembers the progress across a restart of the app', async () => {
    await page.waitForTimeout(600); // settings are saved a moment after a change
    await served.stop();
    served = await startServe({ KUBELAB_CONFIG_DIR: served.configDir });
    await openApp(served.url);
    expect(await progress()).toEqual({ passed: lesson.steps.length, total: lesson.steps.length });
    // Back where the learner was: the last step's section.
    await page.getByTestId(`lesson-section-${lesson.steps.at(-1)!.section}`).waitFor();
    expect(await stepCard(lesson.steps.at(-1)!.id).getAttribute('data-state')).toBe('passed');
  }, 600_000);

  it('"reset this step" puts the cluster back before the step: not passed, a hint saying what is missing, then passed after its command', async () => {
    await page.getByTestId('lesson-section-select').selectOption('nodeport-lab');
    const id = 'nodeport-create-service';
    const later = lesson.steps.length - lesson.steps.findIndex((s) => s.id === id);
    await page.getByTestId(`lesson-reset-step-${id}`).click();
    await expect.poll(() => page.getByTestId(`lesson-reset-note-${id}`).innerText(), { timeout: 10_000 }).toMatch(/ready for this step \(\d\.\d s\)/);
    await expect.poll(progress).toEqual({ passed: lesson.steps.length - later, total: lesson.steps.length });
    expect(await stepCard(id).getAttribute('data-state')).toBe('unchecked');
    await page.getByTestId(`lesson-check-${id}`).click();
    await stepCard(id).and(page.locator('[data-state="not-yet"]')).waitFor({ timeout: 5_000 });
    expect(await page.getByTestId(`lesson-hint-${id}`).innerText()).toMatch(/^There is no Service nodeport-service yet\. Run it in master's terminal/);
    await screenshot(page, '27-lesson-en-not-yet');
    await doStep(id, 'master');
  }, 120_000);

  it("every step's reset makes its check pass after its command (the contract over the WebSocket)", async () => {
    const api = await connect(served);
    try {
      const terminals = new Map<string, string>();
      const started = Date.now();
      for (const step of lesson.steps) {
        const reset = (await api.call('lessonResetStep', step.id)) as LessonReset;
        expect(reset.pending.map((p) => p.en), `reset of ${step.id}`).toEqual([]);
        expect(reset.ms, `reset of ${step.id}`).toBeLessThanOrEqual(5_000);
        if (changes(step)) {
          const before = (await api.call('lessonCheck', step.id)) as LessonCheck;
          expect(before.passed, `${step.id} passed before its command`).toBe(false);
          expect(before.hint.en, step.id).not.toBe('');
        }
        const command = (await api.call('lessonCommand', step.id)) as LessonCommand;
        expect(command.problem, step.id).toBeUndefined();
        let term = terminals.get(step.host);
        if (!term) {
          term = ((await api.call('openTerminal', { kind: 'host', host: step.host }, { cols: 200, rows: 50 })) as { id: string }).id;
          terminals.set(step.host, term);
          await api.output(term, /root@\w+:~# $/);
        }
        await api.run(term, command.command!);
        const answer = await api.until(step.id);
        expect(answer.hint.en, step.id).toBe('');
        expect(answer.passed, step.id).toBe(true);
        expect(answer.ms, `${step.id}: a check answers within half a second`).toBeLessThanOrEqual(500);
      }
      console.log(`e2e: reset + command + check of all ${lesson.steps.length} steps over the WebSocket: ${((Date.now() - started) / 1000).toFixed(1)} s`);
      const status = (await api.call('lessonStatus')) as LessonStatus;
      expect(status.passed).toBe(lesson.steps.length);
    } finally {
      api.close();
    }
  }, 600_000);
});

/** The app's contract over its WebSocket, as the page speaks it, with terminal output acknowledged as the page does. */
async function connect(s: Served) {
  const url = new URL(s.url);
  const ws = new WebSocket(`ws://${url.host}/ws?token=${url.searchParams.get('token')}`);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const output = new Map<string, string>();
  ws.on('message', (raw) => {
    const m = JSON.parse(String(raw)) as WireServerMessage;
    if (m.t === 'result') {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.ok) p?.resolve(m.v);
      else p?.reject(new Error(m.e));
    } else if (m.e === 'terminalData') {
      const d = m.p as ApiEvents['terminalData'];
      output.set(d.id, (output.get(d.id) ?? '') + d.data);
      for (let left = d.data.length; left > 0; left -= 5_000) ws.send(JSON.stringify({ t: 'note', m: 'ackTerminal', a: [d.id, Math.min(5_000, left)] }));
    }
  });
  const call = (m: keyof ApiRequests, ...a: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ t: 'call', id, m, a }));
    });
  const plain = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
  const waitOutput = async (id: string, pattern: RegExp, from = 0, timeoutMs = 30_000) => {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (pattern.test(plain((output.get(id) ?? '').slice(from)))) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`terminal ${id} never showed ${pattern}:\n${plain(output.get(id) ?? '').slice(-2000)}`);
  };
  return {
    call,
    close: () => ws.close(),
    output: (id: string, pattern: RegExp) => waitOutput(id, pattern),
    /** Types the command and Enter, and waits for the next prompt. */
    async run(id: string, command: string) {
      const from = (output.get(id) ?? '').length;
      ws.send(JSON.stringify({ t: 'note', m: 'writeTerminal', a: [id, `${command}\r`] }));
      await waitOutput(id, /\n[^\n]*root@\w+:~# $/, from);
    },
    /** The check, asked again as the panel does while the cluster catches up. */
    async until(stepId: string, timeoutMs = 30_000): Promise<LessonCheck> {
      const end = Date.now() + timeoutMs;
      let answer = (await call('lessonCheck', stepId)) as LessonCheck;
      while (!answer.passed && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 250));
        answer = (await call('lessonCheck', stepId)) as LessonCheck;
      }
      return answer;
    },
  };
}
