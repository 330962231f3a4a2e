// Applying a PATCH body to the stored object: JSON patch, JSON merge patch or
// strategic merge patch, then decoding the result as the endpoint's kind so
// the same strictness applies as to a PUT.
import { statusErrors } from '../../api/errors';
import { applyPatch } from '../../api/patch/apply';
import { PatchError } from '../../api/patch/errors';
import type { KubeObject } from '../../api/types';
import { fail } from '../errors';
import type { ApiRequest } from '../request';
import { decodeAs } from './decode';

const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];

export function applyPatchBody(r: ApiRequest, old: KubeObject, contentType: string, body: Buffer): { object: KubeObject; warnings: string[]; precondition?: string } {
  if (contentType === 'application/apply-patch+yaml' || contentType === 'application/apply-patch+cbor') {
    fail({ ...statusErrors.badRequest('server-side apply is not available in KubeLab; use kubectl apply without --server-side'), reason: 'UnsupportedMediaType', code: 415 });
  }
  if (!PATCH_TYPES.includes(contentType)) {
    fail({
      ...statusErrors.badRequest(`the server does not support the requested media type "${contentType}"`),
      reason: 'UnsupportedMediaType',
      code: 415,
    });
  }
  let patched: unknown;
  try {
    patched = applyPatch(r.info.kind, old, body.toString('utf8'), contentType);
  } catch (err) {
    if (err instanceof PatchError) fail(err.status);
    throw err;
  }
  const { object, warnings } = decodeAs(r.info, r.info.kind, JSON.stringify(patched), r.query.get('fieldValidation'));
  // A patch that sets metadata.resourceVersion makes it a precondition.
  const wanted = object.metadata.resourceVersion;
  const precondition = wanted && wanted !== old.metadata.resourceVersion ? wanted : undefined;
  if (r.info.namespaced) object.metadata.namespace = r.namespace;
  if (object.metadata.name !== r.name) fail(statusErrors.badRequest(`the name of the object (${object.metadata.name ?? ''}) does not match the name on the URL (${r.name})`));
  return { object, warnings, precondition };
}
