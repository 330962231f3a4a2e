// An API object exists with the expected fields, or is absent.
import type { KubeObject } from '../../../cluster/api/types';
import { fieldAt } from './fields';
import type { ObjectCheck } from './spec';
import { notYet, PASS, type Verdict } from './verdict';
import type { LiveView } from './view';

const show = (v: unknown) => (typeof v === 'object' ? JSON.stringify(v) : String(v));

export function judgeObject(spec: ObjectCheck, object: KubeObject | undefined): Verdict {
  const what = `${spec.kind} ${spec.name}`;
  if (spec.absent) return object ? notYet(`${what}이(가) 아직 남아 있습니다.`, `${what} still exists.`) : PASS;
  if (!object) return notYet(`${what}이(가) 아직 없습니다.`, `There is no ${what} yet.`);
  for (const f of spec.fields) {
    const value = fieldAt(object, f.path);
    const set = value !== undefined && value !== null && value !== '';
    if (f.exists !== undefined && set !== f.exists) {
      return f.exists ? notYet(`${what}의 ${f.path}이(가) 아직 비어 있습니다.`, `${what} has no ${f.path} yet.`) : notYet(`${what}의 ${f.path}이(가) 비어 있어야 합니다(지금: ${show(value)}).`, `${what} should have no ${f.path} (it is ${show(value)}).`);
    }
    if (f.matches !== undefined && !(set && new RegExp(f.matches).test(show(value)))) {
      return set
        ? notYet(`${what}의 ${f.path}이(가) ${show(value)}입니다(기대: ${f.matches}).`, `${what} has ${f.path} = ${show(value)}, which is not what the step expects (${f.matches}).`)
        : notYet(`${what}의 ${f.path}이(가) 아직 비어 있습니다.`, `${what} has no ${f.path} yet.`);
    }
    if (f.equals !== undefined && show(value) !== String(f.equals)) {
      return set
        ? notYet(`${what}의 ${f.path}이(가) ${show(value)}입니다(기대: ${f.equals}).`, `${what} has ${f.path} = ${show(value)}, not ${f.equals}.`)
        : notYet(`${what}에 ${f.path}이(가) 없습니다(기대: ${f.equals}).`, `${what} has no ${f.path} (expected ${f.equals}).`);
    }
  }
  return PASS;
}

export async function checkObject(spec: ObjectCheck, view: LiveView): Promise<Verdict> {
  return judgeObject(spec, await view.lab.get(spec.kind, spec.kind === 'Node' || spec.kind === 'Namespace' ? undefined : spec.namespace, spec.name));
}
