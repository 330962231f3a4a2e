// deployments/scale and replicasets/scale: the autoscaling/v1 Scale view of
// spec.replicas that `kubectl scale` reads and writes.
import { statusErrors } from '../../api/errors';
import { applyPatch, PatchError } from '../../api/patch';
import { formatLabelSelector } from '../../api/selectors';
import type { Deployment, KubeObject } from '../../api/types';
import type { ServerContext } from '../context';
import { fail } from '../errors';
import { sendJSON, sendStatus } from '../http/respond';
import type { ApiRequest } from '../request';
import { decodeRaw, readRaw } from '../handlers/decode';
import { updateObject } from '../handlers/write';

interface Scale extends KubeObject {
  spec: { replicas?: number };
  status: { replicas: number; selector?: string };
}

function toScale(object: Deployment): Scale {
  const m = object.metadata;
  const selector = object.spec.selector ? formatLabelSelector(object.spec.selector) : '';
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: object.spec.replicas ?? 0 },
    status: { replicas: object.status?.replicas ?? 0, ...(selector && selector !== '<none>' ? { selector } : {}) },
  };
}

export async function handleScale(r: ApiRequest, ctx: ServerContext): Promise<void> {
  const current = ctx.store.get(r.info, r.namespace, r.name!) as Deployment;
  if (r.method === 'GET') return sendJSON(r.res, 200, toScale(current), r.pretty);
  if (r.method !== 'PUT' && r.method !== 'PATCH') return sendStatus(r.res, statusErrors.methodNotSupported({ group: r.info.group, resource: `${r.info.resource}/scale` }, r.method.toLowerCase()), r.pretty);
  const raw = await readRaw(r);
  const body = raw.toString('utf8');
  let scale: Scale;
  if (r.method === 'PUT') {
    // An update of the scale subresource: decoded and name-checked as any update.
    scale = (await decodeRaw(r, raw, 'Scale', 'autoscaling/v1')).object as unknown as Scale;
    if (scale.metadata?.name !== r.name) {
      fail(statusErrors.badRequest(`the name of the object (${scale.metadata?.name ?? ''}) does not match the name on the URL (${r.name})`));
    }
    // ScaleSpec.replicas is a plain int32 with omitempty: left out, it is 0.
    scale.spec = { ...scale.spec, replicas: scale.spec?.replicas ?? 0 };
  } else {
    const type = (r.req.headers['content-type'] ?? '').split(';')[0]!.trim();
    try {
      scale = applyPatch('Scale', toScale(current), body, type) as Scale;
    } catch (err) {
      if (err instanceof PatchError) fail(err.status);
      throw err;
    }
  }
  const replicas = scale.spec?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    fail(statusErrors.invalid({ group: 'autoscaling', kind: 'Scale' }, r.name!, [
      { type: 'FieldValueInvalid', field: 'spec.replicas', badValue: replicas ?? 0, detail: 'must be greater than or equal to 0' },
    ]));
  }
  const precondition = r.method === 'PUT' ? scale.metadata?.resourceVersion || undefined : undefined;
  const next = structuredClone(current);
  next.spec.replicas = replicas;
  const updated = await updateObject(r.info, next, current, ctx, { precondition: precondition ?? current.metadata.resourceVersion });
  sendJSON(r.res, 200, toScale(updated as Deployment), r.pretty);
}
