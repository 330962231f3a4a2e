// DELETE of one object or of a collection: preconditions, graceful deletion
// (pods wait for their kubelet), finalizers and propagation policies
// (Foreground and Orphan go through finalizers the garbage collector honours).
import { statusErrors } from '../../api/errors';
import type { KubeObject, Namespace } from '../../api/types';
import type { ServerContext } from '../context';
import { fail } from '../errors';
import { objectFilter } from '../filter';
import yaml from 'js-yaml';
import { decodeDetailed } from '../../api/schema';
import { isPlainObject } from '../../api/schema/props';
import { bodyMediaType, protobufValue, readRaw } from './decode';
import { sendJSON } from '../http/respond';
import { timestamp } from '../meta';
import { presentObject } from '../present';
import type { ApiRequest } from '../request';
import { listPrefix, type ResourceInfo } from '../resources';

export interface DeleteOptions {
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: string[];
}

const POLICIES = ['Background', 'Foreground', 'Orphan'];

export async function readDeleteOptions(r: ApiRequest): Promise<DeleteOptions> {
  const raw = await readRaw(r);
  let options: DeleteOptions = {};
  if (raw.length) {
    const type = bodyMediaType(r);
    if (type === 'protobuf') {
      // kubectl drain sends its DeleteOptions as protobuf.
      options = protobufValue(raw, 'v1', 'DeleteOptions') as DeleteOptions;
    } else {
      options = decodeDeleteOptions(raw, type);
    }
  }
  const q = r.query;
  if (q.get('propagationPolicy')) options.propagationPolicy = q.get('propagationPolicy') as DeleteOptions['propagationPolicy'];
  if (q.get('gracePeriodSeconds') !== null) options.gracePeriodSeconds = Number(q.get('gracePeriodSeconds'));
  if (q.getAll('dryRun').length) options.dryRun = q.getAll('dryRun');
  if (options.propagationPolicy && !POLICIES.includes(options.propagationPolicy)) {
    fail(statusErrors.invalid({ group: 'meta.k8s.io', kind: 'DeleteOptions' }, '', [
      { type: 'FieldValueNotSupported', field: 'propagationPolicy', badValue: options.propagationPolicy, detail: 'supported values: "Foreground", "Background", "Orphan", "nil"' },
    ]));
  }
  return options;
}

/**
 * A JSON or YAML DeleteOptions body as the delete handler decodes it: null is no options, and
 * what the decoder refuses goes back as the decoder's own error, which kube-apiserver does not
 * turn into a Status: a 500 without a reason.
 */
function decodeDeleteOptions(raw: Buffer, type: 'json' | 'yaml'): DeleteOptions {
  // JSON goes to the decoder as text (its syntax errors worded as Go's); YAML as the value it holds.
  let body: unknown = raw.toString('utf8');
  if (type === 'yaml') {
    try {
      body = yaml.load(body as string) ?? null;
    } catch (err) {
      fail(statusErrors.unknownError((err as Error).message));
    }
    if (typeof body === 'string') body = JSON.stringify(body);
  }
  // meta.k8s.io/v1 is the group DeleteOptions live in; the legacy "v1" is accepted too.
  if (typeof body === 'string' && body.includes('meta.k8s.io/v1')) {
    try {
      const parsed = JSON.parse(body) as unknown;
      if (isPlainObject(parsed) && parsed.apiVersion === 'meta.k8s.io/v1') body = JSON.stringify({ ...parsed, apiVersion: 'v1' });
    } catch {
      // the decoder reports it
    }
  } else if (isPlainObject(body) && body.apiVersion === 'meta.k8s.io/v1') {
    body = { ...body, apiVersion: 'v1' };
  }
  const decoded = decodeDetailed('DeleteOptions', 'v1', body, 'Ignore');
  if ('error' in decoded) fail(statusErrors.unknownError(decoded.error));
  return decoded.object as DeleteOptions;
}

function successStatus(info: ResourceInfo, object: KubeObject): unknown {
  const details: Record<string, unknown> = { name: object.metadata.name };
  if (info.group) details.group = info.group;
  details.kind = info.resource;
  details.uid = object.metadata.uid;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details };
}

/**
 * Deletes, or marks for deletion, one object. Returns what the client gets:
 * the object while its deletion is pending, a Success Status once it is gone.
 */
export async function deleteObject(info: ResourceInfo, namespace: string | undefined, name: string, options: DeleteOptions, ctx: ServerContext): Promise<{ pending: boolean; object: KubeObject }> {
  // Marking for deletion is a read-modify-write: a concurrent update (a kubelet
  // writing status) is retried, as upstream's GuaranteedUpdate does.
  for (let attempt = 0; ; attempt++) {
    try {
      return await deleteOnce(info, namespace, name, options, ctx);
    } catch (err) {
      const conflict = (err as { status?: { code?: number; message?: string } }).status;
      const fromPrecondition = conflict?.message?.includes('Precondition failed') ?? false;
      if (conflict?.code !== 409 || fromPrecondition || attempt >= 8) throw err;
    }
  }
}

async function deleteOnce(info: ResourceInfo, namespace: string | undefined, name: string, options: DeleteOptions, ctx: ServerContext): Promise<{ pending: boolean; object: KubeObject }> {
  const object = ctx.store.get(info, namespace, name);
  const pre = options.preconditions;
  if (pre?.uid && pre.uid !== object.metadata.uid) {
    fail(statusErrors.conflict({ group: info.group, resource: info.resource }, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${object.metadata.uid}`));
  }
  if (pre?.resourceVersion && pre.resourceVersion !== object.metadata.resourceVersion) {
    fail(statusErrors.conflict({ group: info.group, resource: info.resource }, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${object.metadata.resourceVersion}`));
  }
  const dry = (options.dryRun?.length ?? 0) > 0;
  const now = ctx.now();

  if (info.kind === 'Namespace') return deleteNamespace(info, object as Namespace, ctx, dry);

  const finalizers = new Set(object.metadata.finalizers ?? []);
  if (options.propagationPolicy === 'Orphan') finalizers.add('orphan');
  if (options.propagationPolicy === 'Foreground') finalizers.add('foregroundDeletion');
  const strategy = ctx.strategy(info);
  const alreadyDeleting = Boolean(object.metadata.deletionTimestamp);
  const grace = strategy.gracePeriod ? strategy.gracePeriod(object, options.gracePeriodSeconds) : 0;

  if (finalizers.size === 0 && grace === 0) {
    if (dry) return { pending: false, object };
    const deleted = await ctx.store.delete(info, namespace, name);
    await strategy.afterDelete?.(deleted, ctx);
    return { pending: false, object: deleted };
  }
  if (alreadyDeleting && grace >= (object.metadata.deletionGracePeriodSeconds ?? 0) && finalizers.size === (object.metadata.finalizers?.length ?? 0)) {
    return { pending: true, object };
  }
  const marked = structuredClone(object);
  marked.metadata.finalizers = finalizers.size ? [...finalizers] : undefined;
  if (!marked.metadata.finalizers) delete marked.metadata.finalizers;
  // A shorter grace period may replace a longer one, never the other way round.
  marked.metadata.deletionTimestamp = timestamp(new Date(now.getTime() + grace * 1000));
  marked.metadata.deletionGracePeriodSeconds = grace;
  if (dry) return { pending: true, object: marked };
  const stored = await ctx.store.update(info, marked, object.metadata.resourceVersion);
  return { pending: true, object: stored };
}

async function deleteNamespace(info: ResourceInfo, ns: Namespace, ctx: ServerContext, dry: boolean): Promise<{ pending: boolean; object: KubeObject }> {
  if (['default', 'kube-system', 'kube-public'].includes(ns.metadata.name!)) {
    fail(statusErrors.forbidden({ group: '', resource: 'namespaces' }, ns.metadata.name!, 'this namespace may not be deleted'));
  }
  if (ns.metadata.deletionTimestamp) return { pending: true, object: ns };
  const marked = structuredClone(ns);
  marked.metadata.deletionTimestamp = timestamp(ctx.now());
  marked.status = { ...(marked.status ?? {}), phase: 'Terminating' };
  if (dry) return { pending: true, object: marked };
  const stored = await ctx.store.update(info, marked, ns.metadata.resourceVersion);
  return { pending: true, object: stored };
}

export async function handleDelete(r: ApiRequest, ctx: ServerContext): Promise<void> {
  const options = await readDeleteOptions(r);
  const { pending, object } = await deleteObject(r.info, r.namespace, r.name!, options, ctx);
  if (pending) sendJSON(r.res, 200, presentObject(r.info, object, { as: 'object' }, r.query, ctx.now()), r.pretty);
  else sendJSON(r.res, 200, successStatus(r.info, object), r.pretty);
}

export async function handleDeleteCollection(r: ApiRequest, ctx: ServerContext): Promise<void> {
  const options = await readDeleteOptions(r);
  const filter = objectFilter(r.info.group ? `${r.info.resource}.${r.info.group}` : r.info.resource, r.query);
  const { items, revision } = ctx.store.list(r.info, listPrefix(r.info, r.namespace));
  const deleted: KubeObject[] = [];
  for (const item of items.filter(filter)) {
    try {
      deleted.push((await deleteObject(r.info, item.metadata.namespace, item.metadata.name!, options, ctx)).object);
    } catch (err) {
      if ((err as { status?: { code?: number } }).status?.code !== 404) throw err;
    }
  }
  sendJSON(r.res, 200, { kind: `${r.info.kind}List`, apiVersion: r.info.group ? `${r.info.group}/${r.info.version}` : r.info.version, metadata: { resourceVersion: String(revision) }, items: deleted }, r.pretty);
}
