// One WebSocket message from a browser into the engine session: only names of
// the contract, each with its own validator (bridge/validate.ts). Anything
// else ends the connection: a page that sends it is not ours.
import type { EngineSession, WireClientMessage, WireServerMessage } from '../../shared/api';
import { InvalidArgument, isNotification, isRequest, notificationArgs, requestArgs } from '../bridge/validate';

export class ProtocolViolation extends Error {}

type AnyFn = (...args: unknown[]) => unknown;

export async function dispatch(session: EngineSession, raw: string, reply: (m: WireServerMessage) => void): Promise<void> {
  let msg: WireClientMessage;
  try {
    msg = JSON.parse(raw) as WireClientMessage;
  } catch {
    throw new ProtocolViolation('not JSON');
  }
  if (typeof msg !== 'object' || msg === null) throw new ProtocolViolation('not a message');
  if (msg.t === 'note') {
    if (!isNotification(msg.m)) throw new ProtocolViolation(`no notification ${String(msg.m)}`);
    const args = notificationArgs[msg.m](msg.a) as unknown[];
    (session[msg.m] as AnyFn)(...args);
    return;
  }
  if (msg.t === 'call') {
    if (!Number.isSafeInteger(msg.id)) throw new ProtocolViolation('a call needs an id');
    if (!isRequest(msg.m)) throw new ProtocolViolation(`no request ${String(msg.m)}`);
    try {
      const args = requestArgs[msg.m](msg.a) as unknown[];
      const v = await (session[msg.m] as AnyFn)(...args);
      reply({ t: 'result', id: msg.id, ok: true, v: v ?? null });
    } catch (err) {
      reply({ t: 'result', id: msg.id, ok: false, e: err instanceof InvalidArgument ? `invalid argument: ${err.message}` : (err as Error).message });
    }
    return;
  }
  throw new ProtocolViolation('unknown message type');
}
