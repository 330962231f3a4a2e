// Running a step's checks against the live lab: every check at once, the
// first one that fails (in the step's order) says what is missing, all of it
// within a deadline so the panel never waits.
import type { Step, Text } from '../model';
import { joinText, say } from '../say';
import type { LabAccess } from './access';
import { checkDns } from './dns';
import { checkEndpoints } from './endpoints';
import { explainFailure } from './explain';
import { checkFile } from './file';
import { checkListening } from './listening';
import { checkObject } from './object';
import { checkPages } from './pages';
import { checkPods } from './pods';
import { checkProbe } from './probe';
import { checkRules } from './rules';
import type { CheckSpec, CheckType } from './spec';
import type { Verdict } from './verdict';
import { LiveView } from './view';

/** The target of the issue: a check answers within half a second. */
export const CHECK_DEADLINE_MS = 500;

type Runner<T extends CheckType> = (spec: Extract<CheckSpec, { type: T }>, view: LiveView) => Promise<Verdict>;

const RUNNERS: { [T in CheckType]: Runner<T> } = {
  object: checkObject,
  pods: checkPods,
  endpoints: checkEndpoints,
  rules: checkRules,
  probe: checkProbe,
  pages: checkPages,
  dns: checkDns,
  listening: checkListening,
  file: checkFile,
};

export function runCheck(spec: CheckSpec, view: LiveView): Promise<Verdict> {
  return (RUNNERS[spec.type] as Runner<CheckType>)(spec, view);
}

export interface CheckAnswer {
  id: string;
  passed: boolean;
  /** Empty when passed; else what is missing, then the step's own hint. */
  hint: Text;
  ms: number;
}

export async function checkStep(step: Step, lab: LabAccess, options: { deadlineMs?: number } = {}): Promise<CheckAnswer> {
  const started = performance.now();
  const deadline = options.deadlineMs ?? CHECK_DEADLINE_MS;
  const view = new LiveView(lab);
  const all = Promise.all(step.check.map((c) => runCheck(c, view).catch((err: unknown): Verdict => ({ passed: false, reason: explainFailure(err) }))));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), deadline)));
  const verdicts = await Promise.race([all, late]).finally(() => clearTimeout(timer));
  const ms = Math.round(performance.now() - started);
  if (verdicts === 'late') {
    return { id: step.id, passed: false, hint: say(`실습 환경이 ${deadline} ms 안에 대답하지 않았습니다. 잠시 뒤 다시 확인하세요.`, `The lab did not answer within ${deadline} ms. Check again in a moment.`), ms };
  }
  const failed = verdicts.find((v) => !v.passed);
  if (!failed) return { id: step.id, passed: true, hint: { ko: '', en: '' }, ms };
  return { id: step.id, passed: false, hint: joinText(failed.reason, step.hint), ms };
}
