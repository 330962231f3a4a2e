// Request bodies into objects of the endpoint's kind, as kube-apiserver
// decodes them (strict field validation when the client asks for it).
import { fieldErrors, statusErrors } from '../../api/errors';
import { decodeErrorMessage, decodeProtobuf, PROTOBUF_MEDIA_TYPE, ProtobufDecodeError } from '../../api/protobuf';
import { decodeObject, fieldValidationOf } from '../../api/schema';
import type { KubeObject } from '../../api/types';
import { fail } from '../errors';
import { readBody } from '../http/body';
import type { ApiRequest } from '../request';
import { apiVersionOf, type ResourceInfo } from '../resources';

export interface Decoded {
  object: KubeObject;
  warnings: string[];
}

export async function readRaw(r: ApiRequest): Promise<Buffer> {
  try {
    return await readBody(r.req);
  } catch (err) {
    if ((err as { tooLarge?: boolean }).tooLarge) fail({ ...statusErrors.badRequest('the request body is too large'), reason: 'RequestEntityTooLarge', code: 413 });
    throw err;
  }
}

export function decodeAs(info: ResourceInfo, kind: string, text: string | unknown, fieldValidation: string | null): Decoded {
  const mode = fieldValidationOf(fieldValidation);
  if (!mode) {
    fail(statusErrors.invalid({ group: 'meta.k8s.io', kind: 'CreateOptions' }, '', [fieldErrors.notSupported('fieldValidation', fieldValidation, ['', 'Ignore', 'Strict', 'Warn'])]));
  }
  const result = decodeObject(kind, apiVersionOf(info), text, mode);
  if ('status' in result) fail(result.status);
  const object = result.object as KubeObject;
  object.metadata = object.metadata ?? {};
  return { object, warnings: result.warnings };
}

/**
 * A protobuf body as the JSON a JSON client would have sent for the same object; it then
 * goes through the same decoding (protobuf has no unknown or duplicate fields to be strict about).
 */
export function protobufValue(raw: Buffer, apiVersion: string, kind: string): Record<string, unknown> {
  try {
    return decodeProtobuf(raw, { apiVersion, kind });
  } catch (err) {
    if (err instanceof ProtobufDecodeError) fail(statusErrors.badRequest(decodeErrorMessage(err, kind, raw)));
    throw err;
  }
}

export function isProtobufBody(r: ApiRequest): boolean {
  return (r.req.headers['content-type'] ?? '').split(';')[0]!.trim() === PROTOBUF_MEDIA_TYPE;
}

export async function decodeBody(r: ApiRequest, kind = r.info.kind): Promise<Decoded> {
  const raw = await readRaw(r);
  const type = (r.req.headers['content-type'] ?? 'application/json').split(';')[0]!.trim();
  if (raw.length === 0) fail(statusErrors.badRequest('the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf'));
  if (type === 'application/yaml') {
    const yaml = await import('js-yaml');
    let value: unknown;
    try {
      value = yaml.load(raw.toString('utf8'));
    } catch (err) {
      fail(statusErrors.badRequest(`error converting YAML to JSON: ${(err as Error).message}`));
    }
    return decodeAs(r.info, kind, value, r.query.get('fieldValidation'));
  }
  if (type === PROTOBUF_MEDIA_TYPE) return decodeAs(r.info, kind, protobufValue(raw, apiVersionOf(r.info), kind), r.query.get('fieldValidation'));
  if (type !== 'application/json' && type !== '*/*') {
    fail({ ...statusErrors.badRequest(`the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`), reason: 'UnsupportedMediaType', code: 415 });
  }
  return decodeAs(r.info, kind, raw.toString('utf8'), r.query.get('fieldValidation'));
}

export function warningHeaders(warnings: string[]): Record<string, string[]> {
  if (warnings.length === 0) return {};
  return { Warning: warnings.map((w) => `299 - ${JSON.stringify(w)}`) };
}
