// A program listens on a TCP port in a host: kube-proxy holding a NodePort,
// HAProxy on a load balancer's address.
import { parseNetstat, type Socket } from './netstat';
import type { ListeningCheck } from './spec';
import { notYet, PASS, type Verdict } from './verdict';
import type { LiveView } from './view';

const ANY = new Set(['0.0.0.0', '::', '[::]', '*']);

export function judgeListening(spec: ListeningCheck, port: number, address: string | undefined, sockets: Socket[]): Verdict {
  const where = `${address ?? ''}:${port}`;
  const listening = sockets.filter((s) => s.state === 'LISTEN' && s.port === port && (!address || s.local === address || ANY.has(s.local)));
  if (listening.some((s) => s.program?.startsWith(spec.process))) return PASS;
  if (listening.length) {
    const who = listening.map((s) => s.program ?? '?').join(', ');
    return notYet(`${spec.host}에서 ${where}를 ${spec.process}가 아니라 ${who}가 열고 있습니다.`, `In ${spec.host}, ${where} is held by ${who}, not ${spec.process}.`);
  }
  return notYet(`${spec.host}에서 ${where}를 LISTEN하는 ${spec.process}가 없습니다.`, `Nothing in ${spec.host} listens on ${where} (expected ${spec.process}).`);
}

export async function checkListening(spec: ListeningCheck, view: LiveView): Promise<Verdict> {
  const [portText, address] = await Promise.all([view.resolve(spec.port), spec.address ? view.resolve(spec.address) : undefined]);
  const port = Number(portText);
  if (!Number.isInteger(port)) return notYet(`${portText}은(는) 포트 번호가 아닙니다.`, `${portText} is not a port number.`);
  const r = await view.lab.execHost(spec.host, ['netstat', '-napt']);
  return judgeListening(spec, port, address, parseNetstat(r.stdout));
}
