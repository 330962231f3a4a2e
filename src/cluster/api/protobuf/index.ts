// Kubernetes protobuf request bodies (Content-Type: application/vnd.kubernetes.protobuf)
// into the JSON object a JSON client would have sent for the same Go object, so that
// the rest of the server decodes both the same way.
import { goQuote } from '../errors';
import { ProtobufError } from './reader';
import { renderMessage } from './render';
import { decodeMessage } from './message';
import { messageForKind } from './schema';
import { readUnknown } from './unknown';

export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';
export { ProtobufError } from './reader';
export { PROTOBUF_PREFIX } from './unknown';

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** A body that is not a readable protobuf object; gvk is set once the envelope named one. */
export class ProtobufDecodeError extends Error {
  constructor(
    message: string,
    readonly gvk?: GroupVersionKind,
  ) {
    super(message);
  }
}

function parseGroupVersion(apiVersion: string): { group: string; version: string } {
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: apiVersion };
  // schema.ParseGroupVersion fails on more than one slash; FromAPIVersionAndKind then keeps neither.
  if (parts.length > 2) return { group: '', version: '' };
  return { group: parts[0]!, version: parts[1]! };
}

const formatGroupVersion = (g: { group: string; version: string }) => (g.group ? `${g.group}/${g.version}` : g.version);

/**
 * Decodes a protobuf body. The envelope's apiVersion and kind default to the endpoint's
 * (copyKindDefaults), and lead the returned object. A kind with no message here comes
 * back with no other field: the JSON decoding then refuses it as it refuses such JSON.
 */
export function decodeProtobuf(body: Uint8Array, defaults: { apiVersion: string; kind: string }): Record<string, unknown> {
  let unk;
  try {
    unk = readUnknown(body);
  } catch (err) {
    if (err instanceof ProtobufError) throw new ProtobufDecodeError(err.message);
    throw err;
  }
  const gvk: GroupVersionKind = { ...parseGroupVersion(unk.apiVersion), kind: unk.kind || defaults.kind };
  const fallback = parseGroupVersion(defaults.apiVersion);
  if (!gvk.version && fallback.version) Object.assign(gvk, fallback);
  const apiVersion = formatGroupVersion(gvk);
  const head = { kind: gvk.kind, apiVersion };
  const name = messageForKind(apiVersion, gvk.kind);
  if (!name) return head;
  try {
    return { ...head, ...renderMessage(decodeMessage(name, unk.raw)) };
  } catch (err) {
    if (err instanceof ProtobufError) throw new ProtobufDecodeError(err.message, gvk);
    throw err;
  }
}

// What kube-apiserver shows of a body it cannot read at all (handlers/rest.go summarizeData).
function summarize(body: Uint8Array): string {
  if (body.length === 0) return '<empty>';
  const b = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (b[0] === 0x7b) return b.length > 30 ? `${b.subarray(0, 30).toString('utf8')} ...` : b.toString('utf8');
  return b.length > 30 ? `${b.subarray(0, 30).toString('hex')} ...` : b.toString('hex');
}

/** The message of the 400 kube-apiserver answers for the error (transformDecodeError). */
export function decodeErrorMessage(err: ProtobufDecodeError, intoKind: string, body: Uint8Array): string {
  if (err.gvk?.kind) return `${err.gvk.kind} in version ${goQuote(err.gvk.version)} cannot be handled as a ${intoKind}: ${err.message}`;
  return `the object provided is unrecognized (must be of type ${intoKind}): ${err.message} (${summarize(body)})`;
}
