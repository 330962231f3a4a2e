// Applying a PATCH body to the stored object: JSON patch, JSON merge patch or
// strategic merge patch, then decoding the result as the endpoint's kind —
// kube-apiserver's whole patch flow, in src/cluster/api/patch.
import { fieldErrors, statusErrors } from '../../api/errors';
import { patchObject } from '../../api/patch';
import { fieldValidationOf } from '../../api/schema';
import type { KubeObject } from '../../api/types';
import { fail } from '../errors';
import type { ApiRequest } from '../request';
import { apiVersionOf } from '../resources';

const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];

export function applyPatchBody(r: ApiRequest, old: KubeObject, contentType: string, body: Buffer): { object: KubeObject; warnings: string[]; precondition?: string } {
  if (!PATCH_TYPES.includes(contentType)) {
    const message =
      contentType === 'application/apply-patch+yaml'
        ? 'server-side apply is not available in KubeLab; use kubectl apply without --server-side'
        : `the server does not support the requested media type "${contentType}"`;
    fail({ ...statusErrors.badRequest(message), reason: 'UnsupportedMediaType', code: 415 });
  }
  const mode = fieldValidationOf(r.query.get('fieldValidation'));
  if (!mode) {
    fail(statusErrors.invalid({ group: 'meta.k8s.io', kind: 'PatchOptions' }, '', [fieldErrors.notSupported('fieldValidation', r.query.get('fieldValidation'), ['', 'Ignore', 'Strict', 'Warn'])]));
  }
  const result = patchObject({ kind: r.info.kind, apiVersion: apiVersionOf(r.info), current: old, patch: body, contentType, fieldValidation: mode });
  if ('status' in result) fail(result.status);
  const object = result.object as KubeObject;
  object.metadata = object.metadata ?? {};
  // A patch that sets metadata.resourceVersion makes it a precondition.
  const wanted = object.metadata.resourceVersion;
  const precondition = wanted && wanted !== old.metadata.resourceVersion ? wanted : undefined;
  if (r.info.namespaced) object.metadata.namespace = r.namespace;
  if (object.metadata.name !== r.name) fail(statusErrors.badRequest(`the name of the object (${object.metadata.name ?? ''}) does not match the name on the URL (${r.name})`));
  return { object, warnings: result.warnings, precondition };
}
