// What each host is doing while the lab starts, read from the engine's `lab-up`
// progress events (step = a host's name while it is created or updated; step
// "start" while containers start; step "ready" with "<host> answers"). Pure.
import { HOST_NAMES, type HostName, type ProgressEvent } from '../../shared/api';

export type HostPhase = 'waiting' | 'creating' | 'starting' | 'ready';
export type HostPhases = Record<HostName, HostPhase>;

export const initialPhases = (): HostPhases => Object.fromEntries(HOST_NAMES.map((h) => [h, 'waiting'])) as HostPhases;

export function advance(phases: HostPhases, e: ProgressEvent): HostPhases {
  const next = { ...phases };
  const isHost = (s: string | undefined): s is HostName => (HOST_NAMES as readonly string[]).includes(s ?? '');
  if (isHost(e.step)) {
    if (next[e.step] === 'waiting') next[e.step] = 'creating';
  } else if (e.step === 'start') {
    for (const h of HOST_NAMES) if (next[h] !== 'ready') next[h] = 'starting';
  } else if (e.step === 'ready') {
    const host = e.message.split(' ')[0];
    if (isHost(host)) next[host] = 'ready';
  }
  if (e.done && !e.error) for (const h of HOST_NAMES) next[h] = 'ready';
  return next;
}
