// Create (POST), replace (PUT) and patch (PATCH) of objects and of their
// status, through the same steps kube-apiserver takes: decode, default, admit,
// prepare, validate, allocate, store.
import { statusErrors } from '../../api/errors';
import { admitCreate, applyDefaults, prepareForCreate, prepareForUpdate } from '../../api/defaults';
import type { KubeObject, Namespace } from '../../api/types';
import { invalidStatus, validateObject, validateStatusUpdate } from '../../api/validation';
import type { ServerContext } from '../context';
import { ApiError, fail } from '../errors';
import { sendJSON } from '../http/respond';
import { prepareMetaForCreate, prepareMetaForUpdate } from '../meta';
import { presentObject } from '../present';
import type { ApiRequest } from '../request';
import { findResource, type ResourceInfo } from '../resources';
import { applyPatchBody } from './patch-body';
import { decodeBody, readRaw, warningHeaders } from './decode';

const NAMESPACES = findResource('', 'v1', 'namespaces')!;

function respond(r: ApiRequest, ctx: ServerContext, code: number, object: KubeObject, warnings: string[] = []): void {
  for (const [name, values] of Object.entries(warningHeaders(warnings))) r.res.setHeader(name, values);
  sendJSON(r.res, code, presentObject(r.info, object, r.representation, r.query, ctx.now()), r.pretty);
}

function dryRun(r: ApiRequest): boolean {
  const values = r.query.getAll('dryRun');
  if (values.some((v) => v !== 'All')) fail(statusErrors.badRequest(`unsupported dry run value: ${values.find((v) => v !== 'All')}`));
  return values.length > 0;
}

/** NamespaceLifecycle admission: new objects only go into namespaces that exist and are not being deleted. */
function admitNamespace(info: ResourceInfo, namespace: string | undefined, ctx: ServerContext): void {
  if (!info.namespaced || !namespace) return;
  const ns = ctx.store.tryGet(NAMESPACES, undefined, namespace) as Namespace | undefined;
  if (!ns) fail(statusErrors.notFound({ group: '', resource: 'namespaces' }, namespace));
  if (ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') {
    fail(statusErrors.forbidden({ group: info.group, resource: info.resource }, '', `unable to create new content in namespace ${namespace} because it is being terminated`));
  }
}

function checkNamespace(r: ApiRequest, object: KubeObject): void {
  if (!r.info.namespaced) {
    delete object.metadata.namespace;
    return;
  }
  if (object.metadata.namespace && object.metadata.namespace !== r.namespace) {
    fail(statusErrors.badRequest('the namespace of the provided object does not match the namespace sent on the request'));
  }
  object.metadata.namespace = r.namespace;
}

function validate(info: ResourceInfo, object: KubeObject, old?: KubeObject): void {
  const errors = validateObject(info.kind, object, old);
  if (errors.length) fail(invalidStatus(info.kind, info.group, object.metadata.name ?? '', errors));
}

export async function handleCreate(r: ApiRequest, ctx: ServerContext): Promise<void> {
  const { object, warnings } = await decodeBody(r);
  checkNamespace(r, object);
  const created = await createObject(r.info, object, ctx, { dryRun: dryRun(r) });
  respond(r, ctx, 201, created, warnings);
}

/** The create path without HTTP, also used by the server's own bootstrap. */
export async function createObject(info: ResourceInfo, object: KubeObject, ctx: ServerContext, options: { dryRun?: boolean } = {}): Promise<KubeObject> {
  applyDefaults(info.kind, object);
  const refused = admitCreate(info.kind, object);
  if (refused) fail(refused);
  prepareForCreate(info.kind, object);
  // A missing name is one of validation's errors (ValidateObjectMeta), reported with the
  // others and after namespace admission, as upstream reports it.
  prepareMetaForCreate(object, ctx.now());
  admitNamespace(info, object.metadata.namespace, ctx);
  validate(info, object);
  const strategy = ctx.strategy(info);
  await strategy.prepareForCreate?.(object, ctx);
  if (options.dryRun) {
    strategy.abortCreate?.(object, ctx);
    return object;
  }
  try {
    return await ctx.store.create(info, object);
  } catch (err) {
    strategy.abortCreate?.(object, ctx);
    throw err;
  }
}

/**
 * Replaces `old` with `object` (already decoded), as PUT does: the kind's
 * update rules, then validation, then an update guarded by `precondition`.
 */
export async function updateObject(info: ResourceInfo, object: KubeObject, old: KubeObject, ctx: ServerContext, options: { status?: boolean; precondition?: string; dryRun?: boolean } = {}): Promise<KubeObject> {
  applyDefaults(info.kind, object);
  prepareMetaForUpdate(object, old);
  const strategy = ctx.strategy(info);
  if (options.status) {
    // Through /status only the status changes; metadata and spec stay as stored
    // (metav1.ResetObjectMetaForStatus).
    const merged = { ...structuredClone(old), status: object.status } as KubeObject;
    // deploymentStatusStrategy resets only spec and labels: the deployment
    // controller records its revision annotation through /status.
    if (info.kind === 'Deployment') merged.metadata.annotations = object.metadata.annotations;
    strategy.prepareForStatusUpdate?.(merged, old, ctx);
    const errors = validateStatusUpdate(info.kind, merged, old);
    if (errors.length) fail(invalidStatus(info.kind, info.group, old.metadata.name ?? '', errors));
    object = merged;
  } else {
    prepareForUpdate(info.kind, object, old);
    validate(info, object, old);
    await strategy.prepareForUpdate?.(object, old, ctx);
  }
  if (options.dryRun) {
    strategy.abortUpdate?.(object, old, ctx);
    return object;
  }
  let stored: KubeObject;
  try {
    stored = await ctx.store.update(info, object, options.precondition);
  } catch (err) {
    strategy.abortUpdate?.(object, old, ctx);
    throw err;
  }
  strategy.afterUpdate?.(stored, old, ctx);
  return finalizeIfDone(info, stored, ctx);
}

/** An object marked for deletion whose last finalizer is gone leaves storage now. */
async function finalizeIfDone(info: ResourceInfo, object: KubeObject, ctx: ServerContext): Promise<KubeObject> {
  if (!object.metadata.deletionTimestamp || (object.metadata.finalizers?.length ?? 0) > 0) return object;
  if (info.kind === 'Pod' || info.kind === 'Namespace') return object; // these finish through their own paths
  const deleted = await ctx.store.delete(info, object.metadata.namespace, object.metadata.name!, object.metadata.resourceVersion);
  await ctx.strategy(info).afterDelete?.(deleted, ctx);
  return deleted;
}

export async function handleUpdate(r: ApiRequest, ctx: ServerContext): Promise<void> {
  const { object, warnings } = await decodeBody(r);
  checkNamespace(r, object);
  if (object.metadata.name !== r.name) {
    fail(statusErrors.badRequest(`the name of the object (${object.metadata.name ?? ''}) does not match the name on the URL (${r.name})`));
  }
  const old = ctx.store.get(r.info, r.namespace, r.name!);
  const updated = await updateObject(r.info, object, old, ctx, {
    status: r.subresource === 'status',
    precondition: object.metadata.resourceVersion || undefined,
    dryRun: dryRun(r),
  });
  respond(r, ctx, 200, updated, warnings);
}

/** How often a patch is re-applied when the object changed underneath it. */
const PATCH_RETRIES = 5;

export async function handlePatch(r: ApiRequest, ctx: ServerContext): Promise<void> {
  const contentType = (r.req.headers['content-type'] ?? '').split(';')[0]!.trim();
  const body = await readRaw(r);
  for (let attempt = 0; ; attempt++) {
    const old = ctx.store.get(r.info, r.namespace, r.name!);
    const { object, warnings, precondition } = applyPatchBody(r, old, contentType, body);
    try {
      const updated = await updateObject(r.info, object, old, ctx, {
        status: r.subresource === 'status',
        precondition: precondition ?? old.metadata.resourceVersion,
        dryRun: dryRun(r),
      });
      respond(r, ctx, 200, updated, warnings);
      return;
    } catch (err) {
      // A patch that named no resourceVersion is re-applied to the newer object, as upstream does.
      const conflict = err instanceof ApiError && err.status.code === 409;
      if (!conflict || precondition || attempt >= PATCH_RETRIES) throw err;
    }
  }
}
