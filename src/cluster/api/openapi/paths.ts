// The API paths of the served resources and their operations, in a neutral form the
// v2 and v3 documents render. What kubectl reads from them: the PATCH operation of
// each kind (its x-kubernetes-group-version-kind, its fieldValidation query parameter
// and the patch types it consumes).
import type { APIResource, GroupVersion } from '../discovery/resources';
import { KINDS } from '../schema/kinds';

export interface Gvk {
  group: string;
  kind: string;
  version: string;
}

export interface OperationSpec {
  method: 'get' | 'put' | 'post' | 'patch' | 'delete';
  action: 'get' | 'list' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection' | 'connect';
  operationId: string;
  description: string;
  gvk: Gvk;
  /** Query parameters, by name (see PARAMETERS). */
  query: string[];
  body?: 'object' | 'patch' | 'delete';
  /** Definition (short name) of the request and response body. */
  definition?: string;
  /** Response media types other than JSON (log is text/plain). */
  produces?: string[];
  responses: Array<[code: string, description: string]>;
}

export interface PathSpec {
  path: string;
  /** Path parameters and "pretty", by name. */
  params: string[];
  operations: OperationSpec[];
}

export const PARAMETERS: Record<string, { in: 'query' | 'path'; type: string; description: string }> = {
  name: { in: 'path', type: 'string', description: 'name of the resource' },
  namespace: { in: 'path', type: 'string', description: 'object name and auth scope, such as for teams and projects' },
  pretty: { in: 'query', type: 'string', description: "If 'true', then the output is pretty printed. Defaults to 'false' unless the user-agent indicates a browser or command-line HTTP tool (curl and wget)." },
  allowWatchBookmarks: { in: 'query', type: 'boolean', description: 'allowWatchBookmarks requests watch events with type "BOOKMARK".' },
  continue: { in: 'query', type: 'string', description: 'The continue option should be set when retrieving more results from the server.' },
  fieldSelector: { in: 'query', type: 'string', description: 'A selector to restrict the list of returned objects by their fields. Defaults to everything.' },
  labelSelector: { in: 'query', type: 'string', description: 'A selector to restrict the list of returned objects by their labels. Defaults to everything.' },
  limit: { in: 'query', type: 'integer', description: 'limit is a maximum number of responses to return for a list call.' },
  resourceVersion: { in: 'query', type: 'string', description: 'resourceVersion sets a constraint on what resource versions a request may be served from.' },
  resourceVersionMatch: { in: 'query', type: 'string', description: 'resourceVersionMatch determines how resourceVersion is applied to list calls.' },
  sendInitialEvents: { in: 'query', type: 'boolean', description: '`sendInitialEvents=true` may be set together with `watch=true`.' },
  timeoutSeconds: { in: 'query', type: 'integer', description: 'Timeout for the list/watch call.' },
  watch: { in: 'query', type: 'boolean', description: 'Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.' },
  dryRun: { in: 'query', type: 'string', description: 'When present, indicates that modifications should not be persisted. Valid values are: - All: all dry run stages will be processed' },
  fieldManager: { in: 'query', type: 'string', description: 'fieldManager is a name associated with the actor or entity that is making these changes.' },
  fieldValidation: {
    in: 'query',
    type: 'string',
    description:
      'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: This will ignore any unknown fields that are silently dropped from the object, and will ignore all but the last duplicate field that the decoder encounters. This is the default behavior prior to v1.23. - Warn: This will send a warning via the standard warning response header for each unknown field that is dropped from the object, and for each duplicate field that is encountered. The request will still succeed if there are no other errors, and will only persist the last of any duplicate fields. This is the default in v1.23+ - Strict: This will fail the request with a BadRequest error if any unknown fields would be dropped from the object, or if any duplicate fields are present. The error returned from the server will contain all unknown and duplicate fields encountered.',
  },
  force: { in: 'query', type: 'boolean', description: 'Force is going to "force" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests.' },
  gracePeriodSeconds: { in: 'query', type: 'integer', description: 'The duration in seconds before the object should be deleted.' },
  orphanDependents: { in: 'query', type: 'boolean', description: 'Deprecated: please use the PropagationPolicy, this field will be deprecated in 1.7.' },
  propagationPolicy: { in: 'query', type: 'string', description: "Whether and how garbage collection will be performed. Acceptable values are: 'Orphan', 'Background', 'Foreground'." },
  container: { in: 'query', type: 'string', description: 'The container for which to stream logs / run the command.' },
  follow: { in: 'query', type: 'boolean', description: 'Follow the log stream of the pod. Defaults to false.' },
  previous: { in: 'query', type: 'boolean', description: 'Return previous terminated container logs. Defaults to false.' },
  tailLines: { in: 'query', type: 'integer', description: 'If set, the number of lines from the end of the logs to show.' },
  timestamps: { in: 'query', type: 'boolean', description: 'If true, add an RFC3339 or RFC3339Nano timestamp at the beginning of every line of log output.' },
  command: { in: 'query', type: 'string', description: 'Command is the remote command to execute. argv array. Not executed within a shell.' },
  stdin: { in: 'query', type: 'boolean', description: 'Redirect the standard input stream of the pod for this call.' },
  stdout: { in: 'query', type: 'boolean', description: 'Redirect the standard output stream of the pod for this call.' },
  stderr: { in: 'query', type: 'boolean', description: 'Redirect the standard error stream of the pod for this call.' },
  tty: { in: 'query', type: 'boolean', description: 'TTY if true indicates that a tty will be allocated for the exec call.' },
};

const LIST_QUERY = ['allowWatchBookmarks', 'continue', 'fieldSelector', 'labelSelector', 'limit', 'resourceVersion', 'resourceVersionMatch', 'sendInitialEvents', 'timeoutSeconds', 'watch'];
const WRITE_QUERY = ['dryRun', 'fieldManager', 'fieldValidation'];
const PATCH_QUERY = ['dryRun', 'fieldManager', 'fieldValidation', 'force'];
const DELETE_QUERY = ['dryRun', 'gracePeriodSeconds', 'orphanDependents', 'propagationPolicy'];

function camel(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Upstream's tag and operationId infix of a group/version: core_v1 / CoreV1, apps_v1 / AppsV1, discovery_v1 / DiscoveryV1. */
export function groupVersionTag(gv: { group: string; version: string }): { tag: string; infix: string } {
  const g = gv.group === '' ? 'core' : gv.group.split('.')[0];
  return { tag: `${g}_${gv.version}`, infix: `${camel(g)}${camel(gv.version)}` };
}

function definitionOf(gvk: Gvk): string | undefined {
  return KINDS.find((k) => k.group === gvk.group && k.version === gvk.version && k.kind === gvk.kind)?.definition;
}

const OK = (created = false): Array<[string, string]> =>
  created ? [['200', 'OK'], ['201', 'Created'], ['401', 'Unauthorized']] : [['200', 'OK'], ['401', 'Unauthorized']];

export function pathsOf(gv: GroupVersion): PathSpec[] {
  const base = gv.group ? `/apis/${gv.group}/${gv.version}` : `/api/${gv.version}`;
  const { infix } = groupVersionTag(gv);
  const out: PathSpec[] = [];
  const tops = gv.resources.filter((r) => !r.name.includes('/'));
  for (const r of tops) {
    const gvk: Gvk = { group: gv.group, kind: r.kind, version: gv.version };
    const def = definitionOf(gvk);
    const listDef = definitionOf({ ...gvk, kind: `${r.kind}List` });
    const scope = r.namespaced ? 'Namespaced' : '';
    const collection = r.namespaced ? `${base}/namespaces/{namespace}/${r.name}` : `${base}/${r.name}`;
    const nsParams = r.namespaced ? ['namespace', 'pretty'] : ['pretty'];
    const has = (v: string) => r.verbs.includes(v);
    const ops: OperationSpec[] = [];
    if (has('list')) {
      ops.push({ method: 'get', action: 'list', operationId: `list${infix}${scope}${r.kind}`, description: `list or watch objects of kind ${r.kind}`, gvk, query: LIST_QUERY, definition: listDef, responses: OK() });
    }
    if (has('create')) {
      ops.push({ method: 'post', action: 'create', operationId: `create${infix}${scope}${r.kind}`, description: `create ${article(r.kind)} ${r.kind}`, gvk, query: WRITE_QUERY, body: 'object', definition: def, responses: [['200', 'OK'], ['201', 'Created'], ['202', 'Accepted'], ['401', 'Unauthorized']] });
    }
    if (has('deletecollection')) {
      ops.push({ method: 'delete', action: 'deletecollection', operationId: `delete${infix}Collection${scope}${r.kind}`, description: `delete collection of ${r.kind}`, gvk, query: [...DELETE_QUERY, ...LIST_QUERY.filter((q) => q !== 'watch' && q !== 'allowWatchBookmarks')], body: 'delete', definition: 'meta.v1.Status', responses: OK() });
    }
    if (ops.length) out.push({ path: collection, params: nsParams, operations: ops });
    if (r.namespaced && has('list')) {
      out.push({
        path: `${base}/${r.name}`,
        params: ['pretty'],
        operations: [{ method: 'get', action: 'list', operationId: `list${infix}${r.kind}ForAllNamespaces`, description: `list or watch objects of kind ${r.kind}`, gvk, query: LIST_QUERY, definition: listDef, responses: OK() }],
      });
    }
    const item: OperationSpec[] = [];
    if (has('get')) item.push({ method: 'get', action: 'get', operationId: `read${infix}${scope}${r.kind}`, description: `read the specified ${r.kind}`, gvk, query: [], definition: def, responses: OK() });
    if (has('update')) item.push({ method: 'put', action: 'update', operationId: `replace${infix}${scope}${r.kind}`, description: `replace the specified ${r.kind}`, gvk, query: WRITE_QUERY, body: 'object', definition: def, responses: OK(true) });
    if (has('patch')) item.push({ method: 'patch', action: 'patch', operationId: `patch${infix}${scope}${r.kind}`, description: `partially update the specified ${r.kind}`, gvk, query: PATCH_QUERY, body: 'patch', definition: def, responses: OK(true) });
    if (has('delete')) item.push({ method: 'delete', action: 'delete', operationId: `delete${infix}${scope}${r.kind}`, description: `delete ${article(r.kind)} ${r.kind}`, gvk, query: DELETE_QUERY, body: 'delete', definition: def, responses: [['200', 'OK'], ['202', 'Accepted'], ['401', 'Unauthorized']] });
    if (item.length) out.push({ path: `${collection}/{name}`, params: ['name', ...nsParams], operations: item });
    for (const s of gv.resources.filter((x) => x.name.startsWith(`${r.name}/`))) out.push(...subresourcePaths(s, r, gv, `${collection}/{name}`, ['name', ...nsParams], infix, scope));
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

function article(kind: string): string {
  return /^[AEIOU]/.test(kind) ? 'an' : 'a';
}

function subresourcePaths(s: APIResource, parent: APIResource, gv: GroupVersion, itemPath: string, params: string[], infix: string, scope: string): PathSpec[] {
  const subName = s.name.slice(parent.name.length + 1);
  const gvk: Gvk = { group: s.group ?? gv.group, kind: s.kind, version: s.version ?? gv.version };
  const def = definitionOf(gvk);
  const Sub = camel(subName);
  const label = `${subName} of the specified ${parent.kind}`;
  const ops: OperationSpec[] = [];
  const has = (v: string) => s.verbs.includes(v);
  if (subName === 'exec' || subName === 'attach') {
    const query = subName === 'exec' ? ['command', 'container', 'stderr', 'stdin', 'stdout', 'tty'] : ['container', 'stderr', 'stdin', 'stdout', 'tty'];
    for (const method of ['get', 'post'] as const) {
      ops.push({ method, action: 'connect', operationId: `connect${infix}${camel(method)}${scope}${parent.kind}${Sub}`, description: `connect ${method.toUpperCase()} requests to ${subName} of ${parent.kind}`, gvk, query, produces: ['*/*'], responses: [['200', 'OK'], ['401', 'Unauthorized']] });
    }
  } else if (subName === 'log') {
    ops.push({ method: 'get', action: 'get', operationId: `read${infix}${scope}${parent.kind}Log`, description: `read log of the specified ${parent.kind}`, gvk, query: ['container', 'follow', 'previous', 'tailLines', 'timestamps'], produces: ['text/plain', 'application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'], responses: OK() });
  } else if (subName === 'binding') {
    ops.push({ method: 'post', action: 'create', operationId: `create${infix}${scope}${parent.kind}Binding`, description: `create binding of ${article(parent.kind)} ${parent.kind}`, gvk, query: WRITE_QUERY, body: 'object', definition: def, responses: [['200', 'OK'], ['201', 'Created'], ['202', 'Accepted'], ['401', 'Unauthorized']] });
  } else {
    if (has('get')) ops.push({ method: 'get', action: 'get', operationId: `read${infix}${scope}${parent.kind}${Sub}`, description: `read ${label}`, gvk, query: [], definition: def, responses: OK() });
    if (has('update')) ops.push({ method: 'put', action: 'update', operationId: `replace${infix}${scope}${parent.kind}${Sub}`, description: `replace ${label}`, gvk, query: WRITE_QUERY, body: 'object', definition: def, responses: OK(true) });
    if (has('patch')) ops.push({ method: 'patch', action: 'patch', operationId: `patch${infix}${scope}${parent.kind}${Sub}`, description: `partially update ${label}`, gvk, query: PATCH_QUERY, body: 'patch', definition: def, responses: OK(true) });
  }
  return ops.length ? [{ path: `${itemPath}/${subName}`, params, operations: ops }] : [];
}
