// Request bodies into objects of the endpoint's kind, as kube-apiserver
// decodes them (strict field validation when the client asks for it).
import { fieldErrors, statusErrors } from '../../api/errors';
import { decodeErrorMessage, decodeProtobuf, PROTOBUF_MEDIA_TYPE, ProtobufDecodeError } from '../../api/protobuf';
import { decodeObject, fieldValidationOf } from '../../api/schema';
import type { KubeObject } from '../../api/types';
import { fail } from '../errors';
import { MAX_BODY_BYTES, readBody } from '../http/body';
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
    // handlers/rest.go limitedReadBody.
    if ((err as { tooLarge?: boolean }).tooLarge) fail(statusErrors.requestEntityTooLarge(`limit is ${MAX_BODY_BYTES}`));
    throw err;
  }
}

export function decodeAs(info: ResourceInfo, kind: string, text: string | unknown, fieldValidation: string | null, apiVersion = apiVersionOf(info)): Decoded {
  const mode = fieldValidationOf(fieldValidation);
  if (!mode) {
    fail(statusErrors.invalid({ group: 'meta.k8s.io', kind: 'CreateOptions' }, '', [fieldErrors.notSupported('fieldValidation', fieldValidation, ['', 'Ignore', 'Strict', 'Warn'])]));
  }
  const result = decodeObject(kind, apiVersion, text, mode);
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

const UNSUPPORTED_MEDIA_TYPE = 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf';

/** The body's media type when the server can read it (NegotiateInputSerializer); 415 otherwise. */
export function bodyMediaType(r: ApiRequest): 'json' | 'yaml' | 'protobuf' {
  const type = (r.req.headers['content-type'] ?? 'application/json').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/yaml') return 'yaml';
  if (type === PROTOBUF_MEDIA_TYPE) return 'protobuf';
  if (type === 'application/json' || type === '*/*' || type === '') return 'json';
  return fail({ ...statusErrors.badRequest(UNSUPPORTED_MEDIA_TYPE), reason: 'UnsupportedMediaType', code: 415 });
}

/** A body read already, decoded as `kind` of `apiVersion` as the create and update handlers decode. */
export async function decodeRaw(r: ApiRequest, raw: Buffer, kind: string, apiVersion: string): Promise<Decoded> {
  const type = bodyMediaType(r);
  if (type === 'yaml') {
    const yaml = await import('js-yaml');
    let value: unknown;
    try {
      value = yaml.load(raw.toString('utf8'));
    } catch (err) {
      fail(statusErrors.badRequest(`error converting YAML to JSON: ${(err as Error).message}`));
    }
    return decodeAs(r.info, kind, value, r.query.get('fieldValidation'), apiVersion);
  }
  if (type === 'protobuf') return decodeAs(r.info, kind, protobufValue(raw, apiVersion, kind), r.query.get('fieldValidation'), apiVersion);
  // An empty body is JSON's "unexpected end of JSON input", as upstream's decoder says.
  return decodeAs(r.info, kind, raw.toString('utf8'), r.query.get('fieldValidation'), apiVersion);
}

export async function decodeBody(r: ApiRequest, kind = r.info.kind): Promise<Decoded> {
  return decodeRaw(r, await readRaw(r), kind, apiVersionOf(r.info));
}

/**
 * A Warning header value as k8s.io/apimachinery's NewWarningHeader writes it: `299 - "text"`
 * with only `"` and `\\` escaped, the text's UTF-8 bytes as they are. Node takes header
 * values as Latin-1, so the bytes travel as one character each; control characters (Go's
 * net/http turns CR and LF into spaces, Node refuses them all) become spaces.
 */
export function warningHeaderValue(text: string): string {
  const quoted = `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  return `299 - ${Buffer.from(quoted, 'utf8').toString('latin1').replace(/[\x00-\x08\x0a-\x1f\x7f]/g, ' ')}`;
}

export function warningHeaders(warnings: string[]): Record<string, string[]> {
  if (warnings.length === 0) return {};
  return { Warning: warnings.map(warningHeaderValue) };
}
