// Why a terminal's program ended, from what Docker says about its container
// now compared with when the terminal opened. Pure.
import type { TerminalExit } from '../../shared/api';

/** A session that ends this soon after it opened did not start properly. */
export const EARLY_EXIT_MS = 1500;

export interface ContainerNow {
  running: boolean;
  startedAt: string;
}

export function exitReason(title: string, code: number | null, openedStartedAt: string, now: ContainerNow | undefined, livedMs: number): Omit<TerminalExit, 'id'> {
  if (!now) return { code, reason: 'host-stopped', message: `${title} is gone` };
  if (!now.running) return { code, reason: 'host-stopped', message: `${title} stopped` };
  if (now.startedAt !== openedStartedAt) return { code, reason: 'host-restarted', message: `${title} restarted` };
  if (code !== 0 && livedMs < EARLY_EXIT_MS) return { code, reason: 'failed', message: `the shell in ${title} ended at once (exit ${code})` };
  return { code, reason: 'exited' };
}
