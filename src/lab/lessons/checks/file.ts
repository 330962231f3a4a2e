// A file exists in a host (the lesson's manifests in master's /root) or in a pod.
import type { FileCheck } from './spec';
import { notYet, PASS, type Verdict } from './verdict';
import type { LiveView } from './view';

export async function checkFile(spec: FileCheck, view: LiveView): Promise<Verdict> {
  const r = await view.exec(spec.in, ['test', '-e', spec.path]);
  if (r.exitCode === 0) return PASS;
  return notYet(`${r.where}에 ${spec.path}이(가) 없습니다.`, `${r.where} has no ${spec.path}.`);
}
