// GET of one object or of a collection (list). Watches have their own file.
import { statusErrors } from '../../api/errors';
import type { ServerContext } from '../context';
import { fail } from '../errors';
import { objectFilter } from '../filter';
import { sendJSON } from '../http/respond';
import { presentList, presentObject } from '../present';
import type { ApiRequest } from '../request';
import { listPrefix } from '../resources';

export function handleGet(r: ApiRequest, ctx: ServerContext): void {
  const object = ctx.store.get(r.info, r.namespace, r.name!);
  sendJSON(r.res, 200, presentObject(r.info, object, r.representation, r.query, ctx.now()), r.pretty);
}

interface ContinueToken {
  rv: string;
  start: string;
}

function decodeContinue(token: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString()) as ContinueToken;
    if (typeof parsed.start !== 'string' || typeof parsed.rv !== 'string') throw new Error('bad token');
    return parsed;
  } catch {
    fail(statusErrors.badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)'));
  }
}

function objectSortKey(ns: string | undefined, name: string | undefined): string {
  return `${ns ?? ''}/${name ?? ''}`;
}

export function handleList(r: ApiRequest, ctx: ServerContext): void {
  const filter = objectFilter(r.info.group ? `${r.info.resource}.${r.info.group}` : r.info.resource, r.query);
  const { items, revision } = ctx.store.list(r.info, listPrefix(r.info, r.namespace));
  let matching = items.filter(filter);
  const token = r.query.get('continue');
  if (token) {
    const { start } = decodeContinue(token);
    matching = matching.filter((o) => objectSortKey(o.metadata.namespace, o.metadata.name) > start);
  }
  const limit = Number(r.query.get('limit') ?? 0);
  let listMeta: { resourceVersion: string; continue?: string; remainingItemCount?: number } = { resourceVersion: String(revision) };
  if (limit > 0 && matching.length > limit) {
    const page = matching.slice(0, limit);
    const last = page[page.length - 1]!;
    const next: ContinueToken = { rv: String(revision), start: objectSortKey(last.metadata.namespace, last.metadata.name) };
    listMeta = { ...listMeta, continue: Buffer.from(JSON.stringify(next)).toString('base64url'), remainingItemCount: matching.length - limit };
    matching = page;
  }
  sendJSON(r.res, 200, presentList(r.info, matching, r.representation, r.query, ctx.now(), listMeta), r.pretty);
}
