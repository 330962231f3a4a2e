// namespaces/finalize: the namespace controller removes the "kubernetes"
// finalizer once the namespace is empty; then the namespace goes away.
import { statusErrors } from '../../api/errors';
import type { Namespace } from '../../api/types';
import type { ServerContext } from '../context';
import { fail } from '../errors';
import { decodeRaw, readRaw } from '../handlers/decode';
import { sendJSON } from '../http/respond';
import type { ApiRequest } from '../request';

export async function handleFinalize(r: ApiRequest, ctx: ServerContext): Promise<void> {
  if (r.method !== 'PUT') fail(statusErrors.methodNotSupported({ group: '', resource: 'namespaces/finalize' }, r.method.toLowerCase()));
  // An update of the finalize subresource: decoded and name-checked as any update.
  const body = (await decodeRaw(r, await readRaw(r), 'Namespace', 'v1')).object as Namespace;
  if (body.metadata.name !== r.name) {
    fail(statusErrors.badRequest(`the name of the object (${body.metadata.name ?? ''}) does not match the name on the URL (${r.name})`));
  }
  const updated = (await ctx.store.guaranteedUpdate(r.info, undefined, r.name!, (current) => {
    const ns = current as Namespace;
    ns.spec = { ...(ns.spec ?? {}), finalizers: body.spec?.finalizers ?? [] };
    if (!ns.spec.finalizers?.length) delete ns.spec.finalizers;
    return ns;
  })) as Namespace;
  if (updated.metadata.deletionTimestamp && !updated.spec?.finalizers?.length && !updated.metadata.finalizers?.length) {
    await ctx.store.delete(r.info, undefined, r.name!);
  }
  sendJSON(r.res, 200, { apiVersion: 'v1', kind: 'Namespace', ...updated }, r.pretty);
}
