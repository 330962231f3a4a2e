// What one check concludes: passed, or not yet and why (in both languages).
import type { Text } from '../model';
import { say } from '../say';

export interface Verdict {
  passed: boolean;
  reason?: Text;
}

export const PASS: Verdict = { passed: true };

export const notYet = (ko: string, en: string): Verdict => ({ passed: false, reason: say(ko, en) });
