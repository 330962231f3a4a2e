// kubelab lesson list|status|check STEP|command STEP|reset STEP|reset-lab  [--json] [--lang ko|en] [--lesson ID]
// The guided lesson, headless: for tests, and for teachers preparing a room.
import { loadLesson } from '../../lessons/files';
import type { Lang, Text } from '../../lessons/model';
import { DEFAULT_LESSON, openLesson } from '../../lessons/open';
import type { ResetReport } from '../../lessons/reset';
import { UnknownStepError } from '../../lessons/reset-plan';
import { parseFlags, UsageError, type Command } from '../command';
import { requireDocker } from './docker-ready';
import { apiPort, labName } from './lab-options';

export function languageOf(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag !== undefined && flag !== 'ko' && flag !== 'en') throw new UsageError(`--lang must be ko or en (not "${flag}")`);
  const wanted = flag ?? env.KUBELAB_LANG ?? (env.LC_ALL || env.LC_MESSAGES || env.LANG || '');
  return wanted.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

async function lessonEngine(lesson: string) {
  return openLesson({ docker: await requireDocker(), lab: labName(), apiServer: `http://127.0.0.1:${apiPort()}`, lesson });
}

const USAGE = 'lesson list|status|check|command|reset STEP|reset-lab [--json] [--lang ko|en]';

function printReset(r: ResetReport, lang: Lang, json: boolean): number {
  if (json) console.log(JSON.stringify({ ...r, pending: r.pending.map((p) => p[lang]) }, null, 2));
  else {
    for (const line of r.did) console.log(`  ${line}`);
    console.log(r.settled ? `reset ${r.target}: ready (${r.ms} ms)` : `reset ${r.target}: not settled after ${r.ms} ms; still waiting for: ${r.pending.map((p) => p[lang]).join('; ')}`);
  }
  return r.settled ? 0 : 1;
}

async function withStep<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof UnknownStepError) throw new UsageError(err.message);
    throw err;
  }
}

export const lessonCommand: Command = {
  usage: USAGE,
  summary: 'the guided lesson, headless: steps, live checks, resets',
  async run(args) {
    const { flags, positional } = parseFlags(args, ['json']);
    const [action, step] = positional;
    const json = flags.has('json');
    const lang = languageOf(flags.get('lang'));
    const lessonId = flags.get('lesson') ?? DEFAULT_LESSON;
    const t = (text: Text) => text[lang];
    const needStep = () => {
      if (!step) throw new UsageError(`${action} needs a STEP (kubelab lesson list shows them)`);
      return step;
    };

    switch (action) {
      case 'list': {
        const lesson = loadLesson(lessonId);
        const steps = lesson.steps.map((s) => ({ id: s.id, section: s.section, host: s.host, command: s.command, title: s.title, text: s.text }));
        if (json) {
          console.log(JSON.stringify({ lesson: lesson.id, title: lesson.title, sections: lesson.sections.map((s) => ({ id: s.id, kind: s.kind, title: s.title })), steps }, null, 2));
          return 0;
        }
        console.log(`${t(lesson.title)} (${lesson.id}): ${lesson.steps.length} steps`);
        for (const section of lesson.sections) {
          console.log(`\n${t(section.title)}  [${section.id}]`);
          for (const s of section.steps) console.log(`  ${s.id.padEnd(30)} ${s.host.padEnd(8)} ${s.command.split('\n')[0]}`);
        }
        return 0;
      }
      case 'status': {
        const engine = await lessonEngine(lessonId);
        const status = engine.status();
        if (json) {
          console.log(JSON.stringify(status, null, 2));
          return 0;
        }
        console.log(`${status.lesson}: ${status.passed}/${status.total} steps passed${status.next ? `; next: ${status.next}` : '; all done'}`);
        for (const s of status.steps) console.log(`  ${s.passed ? '✓' : '·'} ${s.id}`);
        return 0;
      }
      case 'check': {
        const engine = await lessonEngine(lessonId);
        const deadline = flags.get('deadline');
        const answer = await withStep(() => engine.check(needStep(), { deadlineMs: deadline ? Number(deadline) : undefined }));
        if (json) console.log(JSON.stringify({ id: answer.id, passed: answer.passed, hint: t(answer.hint), ms: answer.ms }));
        else console.log(answer.passed ? `${answer.id}: passed (${answer.ms} ms)` : `${answer.id}: not yet — ${t(answer.hint)}`);
        return answer.passed ? 0 : 1;
      }
      case 'command': {
        const engine = await lessonEngine(lessonId);
        const s = await withStep(async () => engine.step(needStep()));
        const command = await engine.command(s.id);
        console.log(json ? JSON.stringify({ id: s.id, host: s.host, command }) : command);
        return 0;
      }
      case 'reset': {
        const engine = await lessonEngine(lessonId);
        return printReset(await withStep(() => engine.resetStep(needStep())), lang, json);
      }
      case 'reset-lab': {
        const engine = await lessonEngine(lessonId);
        return printReset(await engine.resetLab(), lang, json);
      }
      default:
        throw new UsageError(action ? `unknown lesson action "${action}"` : 'which action?');
    }
  },
};
