// Every step of the Services lesson on a lab in memory: "reset this step",
// then what the step's command does, and its check passes; before the command,
// a step that changes the cluster is not passed and says what is missing.
// (The commands themselves run against the real lab in test/integration/lesson.test.ts.)
import { describe, expect, it } from 'vitest';
import { checkStep } from './checks/run';
import { loadLesson } from './files';
import { loadManifests } from './manifests';
import { resetStep } from './reset';
import { FakeLab } from './testing/fake-lab';

const lesson = loadLesson('services');
const manifests = loadManifests();
const changes = (s: (typeof lesson.steps)[number]) => s.effect.apply.length > 0 || s.effect.delete.length > 0 || Boolean(s.effect.podNameFile);

describe('each step, jumping in on a fresh lab', () => {
  for (const step of lesson.steps) {
    it(`${step.id}: reset, do, check`, async () => {
      const lab = new FakeLab();
      const report = await resetStep(lesson, step.id, lab, manifests, 2_000);
      expect(report.pending, step.id).toEqual([]);
      if (changes(step)) {
        const before = await checkStep(step, lab, { deadlineMs: 2_000 });
        expect(before.passed, `${step.id} passed before its command`).toBe(false);
        expect(before.hint.en.length).toBeGreaterThan(step.hint.en.length);
        expect(before.hint.ko.length).toBeGreaterThan(step.hint.ko.length);
      }
      await lab.doEffect(step.effect, manifests);
      const after = await checkStep(step, lab, { deadlineMs: 2_000 });
      expect(after.hint.en, step.id).toBe('');
      expect(after.passed).toBe(true);
    });
  }
});

describe('the whole lesson in one go', () => {
  it('passes every check in order, then a reset to the start undoes it all', async () => {
    const lab = new FakeLab();
    await resetStep(lesson, lesson.steps[0]!.id, lab, manifests, 2_000);
    for (const step of lesson.steps) {
      await lab.doEffect(step.effect, manifests);
      const a = await checkStep(step, lab, { deadlineMs: 2_000 });
      expect(a.passed, `${step.id}: ${a.hint.en}`).toBe(true);
    }
    expect(lab.all('Service', 'default').map((s) => s.metadata.name).sort()).toEqual(['externalname-svc', 'headless-service', 'kubernetes', 'loadbalancer-service', 'nodeport-service']);

    const back = await resetStep(lesson, 'clusterip-curl', lab, manifests, 2_000);
    expect(back.settled).toBe(true);
    expect(lab.all('Service', 'default').map((s) => s.metadata.name).sort()).toEqual(['clusterip-service', 'kubernetes']);
    // The pages were named by a later step: they are the image's own page again.
    expect([...lab.pages.values()].every((p) => p.includes('Welcome to nginx!'))).toBe(true);
    const named = lesson.steps.find((s) => s.id === 'clusterip-name-pages')!;
    expect((await checkStep(named, lab, { deadlineMs: 2_000 })).passed).toBe(false);
  });
});
