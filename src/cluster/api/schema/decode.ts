// Decoding a request body into a kind as kube-apiserver does: sigs.k8s.io/json's
// case-sensitive decoder into the Go struct, strict (unknown and duplicate fields)
// when fieldValidation is Strict or Warn, and the error texts kubectl shows:
//
//   Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.foo"
//   Service in version "v1" cannot be handled as a Service: json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32
//
// The decoded object keeps only the fields the type knows (Warn and Ignore drop the
// others, as the server does), null fields are left out, and times and quantities are
// re-encoded as their Go types write them ("0.5" cpu is stored as "500m").
import type { Status } from '../types';
import { definition } from './model';
import { findKind, formatAPIVersion, parseAPIVersion, type KindInfo } from './kinds';
import { goValueKind, JsonSyntaxError, parseJsonText, toJsonNode, type JsonNode } from './json-ast';
import { decodeInto, DecodeFailure, type DecodeSource } from './decode-value';
import { badRequest } from './status';
import { setOwn } from './props';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';
export type { DecodeSource };

export type DecodeResult =
  | { object: Record<string, unknown>; warnings: string[] }
  | { status: Status };

/**
 * The directive of a request's fieldValidation query parameter; empty means Warn (the
 * default since 1.27). undefined for an unsupported value, which upstream refuses with
 * 422: `CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "x": supported values: "", "Ignore", "Strict", "Warn"`.
 */
export function fieldValidationOf(param: string | null | undefined): FieldValidation | undefined {
  if (!param) return 'Warn';
  if (param === 'Strict' || param === 'Warn' || param === 'Ignore') return param;
  return undefined;
}

const SCHEME = 'pkg/api/legacyscheme/scheme.go:30';

// What kube-apiserver shows of a body it cannot read at all (handlers/rest.go summarizeData).
function summarize(text: string): string {
  if (text.length === 0) return '<empty>';
  if (text[0] === '{') return text.length > 30 ? `${text.slice(0, 30)} ...` : text;
  const hex = Buffer.from(text.slice(0, 30), 'utf8').toString('hex');
  return text.length > 30 ? `${hex} ...` : hex;
}

function rawText(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw;
  if (raw instanceof Uint8Array) return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
  return undefined;
}

function stringEntry(node: JsonNode & { t: 'object' }, key: string): { value: string } | { error: string } {
  let value = '';
  for (const e of node.entries) {
    if (e.key !== key) continue;
    if (e.value.t === 'null') value = '';
    else if (e.value.t === 'string') value = e.value.v;
    else return { error: `json: cannot unmarshal ${goValueKind(e.value)} into Go struct field .${key} of type string` };
  }
  return { value };
}

/** A decode before the handler's wrapping: the object and its strict errors, or the decoder's own error. */
export type DetailedDecode =
  | { object: Record<string, unknown>; strictErrors: string[] }
  | { error: string; status: Status };

/**
 * Decodes a request body (JSON text, bytes, or an already parsed value) into the kind
 * the endpoint serves. kind/apiVersion name the endpoint's kind (e.g. "Deployment",
 * "apps/v1"); the body's own apiVersion and kind default to them, as upstream.
 * Strict errors are returned, not applied: see decodeObject for the create/update rules.
 * source "unstructured" words type errors as the unstructured converter does, which
 * is how the server reads the result of a strategic merge patch.
 */
export function decodeDetailed(kind: string, apiVersion: string, raw: unknown, mode: FieldValidation, source: DecodeSource = 'json'): DetailedDecode {
  const expected = findKind(apiVersion, kind);
  if (!expected) throw new Error(`decode: ${apiVersion} ${kind} is not a served kind`);
  const text = rawText(raw);
  const unrecognized = (err: string) => ({
    error: err,
    status: badRequest(`the object provided is unrecognized (must be of type ${kind}): ${err} (${summarize(text ?? JSON.stringify(raw) ?? '')})`),
  });

  let root: JsonNode;
  try {
    root = text !== undefined ? parseJsonText(text) : toJsonNode(raw);
  } catch (e) {
    if (e instanceof JsonSyntaxError) return unrecognized(`couldn't get version/kind; json parse error: ${e.message}`);
    throw e;
  }
  // Go's json.Unmarshal of null into a struct leaves it as it was, without an error:
  // the body decodes as an empty object of the endpoint's kind.
  if (root.t === 'null') root = { t: 'object', entries: [] };
  if (root.t !== 'object') {
    return unrecognized(
      `couldn't get version/kind; json parse error: json: cannot unmarshal ${goValueKind(root)} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`,
    );
  }

  // The body's group/version/kind, defaulted from the endpoint's (json serializer Decode).
  const av = stringEntry(root, 'apiVersion');
  const kd = stringEntry(root, 'kind');
  if ('error' in av || 'error' in kd) {
    const err = 'error' in av ? av.error : (kd as { error: string }).error;
    return unrecognized(`couldn't get version/kind; json parse error: ${err}`);
  }
  const want = parseAPIVersion(apiVersion);
  let { group, version } = av.value ? parseAPIVersion(av.value) : { group: '', version: '' };
  const actualKind = kd.value || kind;
  if (!version && !group) ({ group, version } = want);
  else if (!version && group === want.group) version = want.version;
  const cannot = (err: string) => ({
    error: err,
    status: badRequest(`${actualKind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: ${err}`),
  });

  const actual: KindInfo | undefined = findKind(formatAPIVersion(group, version), actualKind);
  if (!actual) {
    return cannot(`no kind ${JSON.stringify(actualKind)} is registered for version ${JSON.stringify(formatAPIVersion(group, version))} in scheme ${JSON.stringify(SCHEME)}`);
  }

  const def = definition(actual.definition);
  if (!def) throw new Error(`schema: no definition ${actual.definition}`);
  let object: Record<string, unknown>;
  let strictErrors: string[];
  try {
    ({ object, strictErrors } = decodeInto(root, def, { source, strict: mode !== 'Ignore' }));
  } catch (e) {
    if (e instanceof DecodeFailure) return cannot(e.message);
    throw e;
  }

  if (actual !== expected) {
    // Another kind converts into the endpoint's internal type only when both are the same internal kind.
    if (actual.internalPackage === expected.internalPackage && actual.kind === expected.kind) {
      const err = `the API version in the data (${formatAPIVersion(actual.group, actual.version)}) does not match the expected API version (${apiVersion})`;
      return { error: err, status: badRequest(err) };
    }
    return cannot(`converting (${def.go}) to (${expected.internalPackage}.${expected.kind}): unknown conversion`);
  }

  const out: Record<string, unknown> = { apiVersion: formatAPIVersion(actual.group, actual.version), kind: actual.kind };
  for (const [k, v] of Object.entries(object)) if (k !== 'apiVersion' && k !== 'kind') setOwn(out, k, v);
  return { object: out, strictErrors };
}

/**
 * Decodes a create or update body as kube-apiserver does for the given fieldValidation:
 * Strict fails on unknown or duplicate fields, Warn returns them as warnings (one
 * Warning header each), Ignore drops them silently.
 */
export function decodeObject(kind: string, apiVersion: string, raw: unknown, mode: FieldValidation): DecodeResult {
  const r = decodeDetailed(kind, apiVersion, raw, mode);
  if ('error' in r) return { status: r.status };
  if (r.strictErrors.length && mode === 'Strict') {
    const version = parseAPIVersion(String(r.object.apiVersion)).version;
    return { status: badRequest(`${kind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: strict decoding error: ${r.strictErrors.join(', ')}`) };
  }
  return { object: r.object, warnings: mode === 'Warn' ? r.strictErrors : [] };
}
