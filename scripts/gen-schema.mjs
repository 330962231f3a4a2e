#!/usr/bin/env node
// Generates src/cluster/api/schema/types.gen.ts and docs.gen.ts: every type reachable
// from the resources KubeLab serves, with each field's wire type, Go type, patch
// strategy and list type, as kube-apiserver knows them.
//
// Sources (none is a runtime dependency; install them only to regenerate):
//   npm install --no-save kubernetes-models@5.1.0 @kubernetes-models/apimachinery@3.0.2 \
//                         @kubernetes/client-node@2.0.1
//   - kubernetes-models (.d.ts): field names, OpenAPI definition names, required fields,
//     enums, descriptions (generated from upstream's OpenAPI, release 1.36);
//   - @kubernetes/client-node (attributeTypeMap): int32 / int64 / double / byte formats;
//   - src/cluster/api/schema/upstream-go.json: Go facts the OpenAPI packages drop
//     (Go type names for error texts, patchStrategy / patchMergeKey struct tags,
//     +listType / +listMapKey / +mapType markers). Regenerate it from a Kubernetes
//     source tree with `--k8s-src DIR` (Debian's `kubernetes` source package is one);
//     fields newer than that tree come from UPSTREAM_ADDITIONS below, checked against
//     upstream types.go.
//
// Usage: node scripts/gen-schema.mjs [--k8s-src DIR] [--models DIR] [--apimachinery DIR] [--client-node DIR]
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'src/cluster/api/schema');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const modelsDir = args.models ?? join(root, 'node_modules/kubernetes-models');
const machineryDir = args.apimachinery ?? join(root, 'node_modules/@kubernetes-models/apimachinery');
const clientNodeDir = args['client-node'] ?? join(root, 'node_modules/@kubernetes/client-node');
const isMain = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;

// The kinds KubeLab serves (and their lists), plus the meta kinds every group carries.
const ROOTS = [
  'core.v1.Namespace', 'core.v1.NamespaceList', 'core.v1.Node', 'core.v1.NodeList',
  'core.v1.Pod', 'core.v1.PodList', 'core.v1.Service', 'core.v1.ServiceList',
  'core.v1.Endpoints', 'core.v1.EndpointsList', 'core.v1.Event', 'core.v1.EventList', 'core.v1.Binding',
  'apps.v1.Deployment', 'apps.v1.DeploymentList', 'apps.v1.ReplicaSet', 'apps.v1.ReplicaSetList',
  'autoscaling.v1.Scale',
  'discovery.v1.EndpointSlice', 'discovery.v1.EndpointSliceList',
  'events.v1.Event', 'events.v1.EventList',
  'meta.v1.Status', 'meta.v1.DeleteOptions', 'meta.v1.WatchEvent', 'meta.v1.APIResourceList',
  'meta.v1.APIGroupList', 'meta.v1.APIGroup', 'meta.v1.APIVersions',
];

// Fields of release 1.36 that a 1.35 kube-apiserver does not know.
const NOT_IN_1_35 = new Set([
  'meta.v1.ListMeta.shardInfo',
  'core.v1.PodSpec.schedulingGroup',
  'core.v1.PodStatus.nodeAllocatableResourceClaimStatuses',
]);

// Go facts of fields newer than the Go source tree upstream-go.json was made from
// (Kubernetes 1.20), from upstream types.go of 1.35/1.36. Keys are short definition
// names plus the JSON field name.
const UPSTREAM_ADDITIONS = {
  'core.v1.PodSpec.resourceClaims': { ps: 'merge,retainKeys', mk: 'name', lt: 'map', lk: ['name'] },
  'core.v1.PodSpec.schedulingGates': { ps: 'merge', mk: 'name', lt: 'map', lk: ['name'] },
  'core.v1.PodSpec.os': { g: 'v1.PodOS' },
  'core.v1.PodOS.name': { g: 'v1.OSName' },
  'core.v1.PodAffinityTerm.matchLabelKeys': { lt: 'atomic' },
  'core.v1.PodAffinityTerm.mismatchLabelKeys': { lt: 'atomic' },
  'core.v1.Container.resizePolicy': { lt: 'atomic' },
  'core.v1.Container.restartPolicy': { g: 'v1.ContainerRestartPolicy' },
  'core.v1.Container.restartPolicyRules': { lt: 'atomic' },
  'core.v1.EphemeralContainer.resizePolicy': { lt: 'atomic' },
  'core.v1.EphemeralContainer.restartPolicy': { g: 'v1.ContainerRestartPolicy' },
  'core.v1.EphemeralContainer.restartPolicyRules': { lt: 'atomic' },
  'core.v1.ContainerResizePolicy.resourceName': { g: 'v1.ResourceName' },
  'core.v1.ContainerResizePolicy.restartPolicy': { g: 'v1.ResourceResizeRestartPolicy' },
  'core.v1.ContainerRestartRule.action': { g: 'v1.ContainerRestartRuleAction' },
  'core.v1.ContainerRestartRuleOnExitCodes.operator': { g: 'v1.ContainerRestartRuleOnExitCodesOperator' },
  'core.v1.ContainerRestartRuleOnExitCodes.values': { lt: 'set' },
  'core.v1.ResourceRequirements.claims': { lt: 'map', lk: ['name'] },
  'core.v1.Lifecycle.stopSignal': { g: 'v1.Signal' },
  'core.v1.TopologySpreadConstraint.matchLabelKeys': { lt: 'atomic' },
  'core.v1.TopologySpreadConstraint.nodeAffinityPolicy': { g: 'v1.NodeInclusionPolicy' },
  'core.v1.TopologySpreadConstraint.nodeTaintsPolicy': { g: 'v1.NodeInclusionPolicy' },
  'core.v1.VolumeMount.recursiveReadOnly': { g: 'v1.RecursiveReadOnlyMode' },
  'core.v1.PodSecurityContext.seLinuxChangePolicy': { g: 'v1.PodSELinuxChangePolicy' },
  'core.v1.PodSecurityContext.supplementalGroupsPolicy': { g: 'v1.SupplementalGroupsPolicy' },
  'core.v1.AppArmorProfile.type': { g: 'v1.AppArmorProfileType' },
  'core.v1.ImageVolumeSource.pullPolicy': { g: 'v1.PullPolicy' },
  'core.v1.PodStatus.hostIPs': { ps: 'merge', mk: 'ip', lt: 'atomic' },
  'core.v1.PodStatus.resourceClaimStatuses': { ps: 'merge,retainKeys', mk: 'name', lt: 'map', lk: ['name'] },
  'core.v1.PodStatus.resize': { g: 'v1.PodResizeStatus' },
  'core.v1.PodStatus.allocatedResources': { g: 'v1.ResourceList', gu: 'map[v1.ResourceName]resource.Quantity' },
  'core.v1.ContainerStatus.allocatedResources': { g: 'v1.ResourceList', gu: 'map[v1.ResourceName]resource.Quantity' },
  'core.v1.ContainerStatus.volumeMounts': { ps: 'merge', mk: 'mountPath', lt: 'map', lk: ['mountPath'] },
  'core.v1.ContainerStatus.allocatedResourcesStatus': { ps: 'merge', mk: 'name', lt: 'map', lk: ['name'] },
  'core.v1.ContainerStatus.stopSignal': { g: 'v1.Signal' },
  'core.v1.ResourceStatus.name': { g: 'v1.ResourceName' },
  'core.v1.ResourceStatus.resources': { lt: 'map', lk: ['resourceID'] },
  'core.v1.ResourceHealth.resourceID': { g: 'v1.ResourceID' },
  'core.v1.ResourceHealth.health': { g: 'v1.ResourceHealthStatus' },
  'core.v1.LinuxContainerUser.supplementalGroups': { lt: 'atomic' },
  'core.v1.NodeStatus.runtimeHandlers': { lt: 'atomic' },
  'core.v1.NodeStatus.declaredFeatures': { lt: 'atomic' },
  'core.v1.LoadBalancerIngress.ipMode': { g: 'v1.LoadBalancerIPMode' },
  'core.v1.ServiceSpec.internalTrafficPolicy': { g: 'v1.ServiceInternalTrafficPolicy' },
  'core.v1.PodExtendedResourceClaimStatus.requestMappings': { lt: 'atomic' },
  'discovery.v1.EndpointHints.forZones': { lt: 'atomic' },
  // Renamed since 1.20 (the old names are aliases now, and Go reports the new ones).
  'core.v1.ServiceSpec.externalTrafficPolicy': { g: 'v1.ServiceExternalTrafficPolicy' },
  'core.v1.ServiceSpec.ipFamilyPolicy': { g: 'v1.IPFamilyPolicy' },
  'core.v1.Lifecycle.postStart': { g: 'v1.LifecycleHandler' },
  'core.v1.Lifecycle.preStop': { g: 'v1.LifecycleHandler' },
  'discovery.v1.EndpointHints.forNodes': { lt: 'atomic' },
};

// --- definition names -------------------------------------------------------

const GROUPS = [
  // [short prefix, OpenAPI prefix, kubernetes-models TS prefix, models dir, Go package name]
  ['core.v1', 'io.k8s.api.core.v1', 'IoK8sApiCoreV1', join(modelsDir, 'v1'), 'v1'],
  ['apps.v1', 'io.k8s.api.apps.v1', 'IoK8sApiAppsV1', join(modelsDir, 'apps/v1'), 'v1'],
  ['autoscaling.v1', 'io.k8s.api.autoscaling.v1', 'IoK8sApiAutoscalingV1', join(modelsDir, 'autoscaling/v1'), 'v1'],
  ['discovery.v1', 'io.k8s.api.discovery.v1', 'IoK8sApiDiscoveryV1', join(modelsDir, 'discovery.k8s.io/v1'), 'v1'],
  ['events.v1', 'io.k8s.api.events.v1', 'IoK8sApiEventsV1', join(modelsDir, 'events.k8s.io/v1'), 'v1'],
  ['meta.v1', 'io.k8s.apimachinery.pkg.apis.meta.v1', 'IoK8sApimachineryPkgApisMetaV1', join(machineryDir, 'apis/meta/v1'), 'v1'],
  ['resource', 'io.k8s.apimachinery.pkg.api.resource', 'IoK8sApimachineryPkgApiResource', join(machineryDir, 'api/resource'), 'resource'],
  ['intstr', 'io.k8s.apimachinery.pkg.util.intstr', 'IoK8sApimachineryPkgUtilIntstr', join(machineryDir, 'util/intstr'), 'intstr'],
  ['runtime', 'io.k8s.apimachinery.pkg.runtime', 'IoK8sApimachineryPkgRuntime', join(machineryDir, 'runtime'), 'runtime'],
];

// Types with their own JSON (un)marshalling: the wire shape is not the Go struct.
const SPECIAL = {
  'resource.Quantity': 'Quantity',
  'intstr.IntOrString': 'IntOrString',
  'meta.v1.Time': 'Time',
  'meta.v1.MicroTime': 'MicroTime',
  'meta.v1.FieldsV1': 'FieldsV1',
  'runtime.RawExtension': 'RawExtension',
};

function shortOfTs(tsName) {
  const n = tsName.replace(/^I(?=IoK8s)/, '');
  for (const [short, , tsPrefix] of GROUPS) if (n.startsWith(tsPrefix)) return `${short}.${n.slice(tsPrefix.length)}`;
  throw new Error(`unknown definition ${tsName}`);
}
function groupOf(short) {
  const i = short.lastIndexOf('.');
  const g = GROUPS.find(([s]) => s === short.slice(0, i));
  if (!g) throw new Error(`unknown group of ${short}`);
  return { group: g, name: short.slice(i + 1) };
}

// --- kubernetes-models: structure, required, enums, docs --------------------

function jsDoc(node) {
  const text = ts.getJSDocCommentsAndTags(node)
    .map((j) => (typeof j.comment === 'string' ? j.comment : (j.comment ?? []).map((c) => c.text).join('')))
    .join('\n');
  return text || undefined;
}

function typeExpr(t, refs) {
  if (ts.isTypeReferenceNode(t)) {
    const n = t.typeName.getText();
    if (n === 'Array') return `[]${typeExpr(t.typeArguments[0], refs)}`;
    const short = shortOfTs(n);
    if (SPECIAL[short]) return SPECIAL[short];
    refs.add(short);
    return short;
  }
  if (ts.isArrayTypeNode(t)) return `[]${typeExpr(t.elementType, refs)}`;
  if (ts.isTypeLiteralNode(t)) {
    const ix = t.members.find(ts.isIndexSignatureDeclaration);
    if (ix) return `{}${typeExpr(ix.type, refs)}`;
    return 'any';
  }
  if (ts.isUnionTypeNode(t) || ts.isLiteralTypeNode(t)) return 'string';
  const text = t.getText();
  if (text === 'string' || text === 'number' || text === 'boolean') return text;
  if (text === 'any' || text === 'object' || text === 'unknown') return 'any';
  throw new Error(`unsupported type ${text}`);
}

function enumOf(t) {
  const lits = ts.isUnionTypeNode(t) ? t.types : [t];
  if (lits.every((x) => ts.isLiteralTypeNode(x) && ts.isStringLiteral(x.literal))) return lits.map((x) => x.literal.text);
  return undefined;
}

function loadModels() {
  const defs = {};
  const queue = [...ROOTS];
  while (queue.length) {
    const short = queue.shift();
    if (defs[short] || SPECIAL[short]) continue;
    const { group, name } = groupOf(short);
    const file = join(group[3], `${name}.d.ts`);
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const iface = sf.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === `I${name}`);
    if (!iface) throw new Error(`no interface in ${file}`);
    const refs = new Set();
    const def = { desc: jsDoc(iface), fields: {} };
    for (const m of iface.members) {
      if (!ts.isPropertySignature(m)) continue;
      const field = m.name.text;
      if (NOT_IN_1_35.has(`${short}.${field}`)) continue;
      def.fields[field] = { t: typeExpr(m.type, refs), req: !m.questionToken, desc: jsDoc(m), enum: enumOf(m.type) };
    }
    defs[short] = def;
    queue.push(...refs);
  }
  return defs;
}

// --- client-node: number and byte formats -------------------------------------

function clientNodeFormats(short) {
  const { group, name } = groupOf(short);
  const [s] = group;
  const gv = s.split('.').map((p) => p[0].toUpperCase() + p.slice(1)).join('');
  const dir = join(clientNodeDir, 'dist/gen/models');
  for (const cls of [`${gv}${name}`, `V1${name}`]) {
    const f = join(dir, `${cls}.js`);
    if (!existsSync(f)) continue;
    const m = readFileSync(f, 'utf8').match(/attributeTypeMap = (\[[\s\S]*?\]);/);
    if (!m) continue;
    return Object.fromEntries(JSON.parse(m[1]).map((a) => [a.baseName, a]));
  }
  return undefined;
}

function withFormat(t, attr, where) {
  if (t.startsWith('[]')) return `[]${withFormat(t.slice(2), attr, where)}`;
  if (t.startsWith('{}')) return `{}${withFormat(t.slice(2), attr, where)}`;
  if (t === 'number') {
    const f = attr?.format;
    if (f === 'int32' || f === 'int64') return f;
    if (f === 'double') return 'double';
    throw new Error(`no number format for ${where}`);
  }
  if (t === 'string' && attr?.format === 'byte') return 'byte';
  return t;
}

// --- Go facts ------------------------------------------------------------------

// Go's reflect names: package name, not import alias; pointers dereferenced (the JSON
// decoder reports the pointed-to type).
export function goTypeName(expr, pkgAliases) {
  let t = expr.trim();
  if (t.startsWith('*')) return goTypeName(t.slice(1), pkgAliases);
  if (t.startsWith('[]')) return `[]${goTypeName(t.slice(2), pkgAliases)}`;
  const m = t.match(/^map\[([^\]]+)\](.+)$/);
  if (m) return `map[${goTypeName(m[1], pkgAliases)}]${goTypeName(m[2], pkgAliases)}`;
  if (t === 'byte') return 'uint8';
  if (/^(string|bool|int|int32|int64|float64|uint8|interface\{\})$/.test(t)) return t;
  const q = t.match(/^(\w+)\.(\w+)$/);
  if (q) return `${pkgAliases[q[1]] ?? q[1]}.${q[2]}`;
  return `${pkgAliases['']}.${t}`;
}

function parseGoFile(file) {
  return parseGoSource(readFileSync(file, 'utf8'));
}

/** Struct types (fields with json names, patch tags and list markers) and named types of a Go file. */
export function parseGoSource(text) {
  const lines = text.split('\n');
  const aliases = { '': 'v1' };
  for (const l of lines) {
    const m = l.match(/^\s*(\w+)?\s*"k8s\.io\/(?:api|apimachinery\/pkg)\/([\w/.-]+)"/);
    if (m) {
      const last = m[2].split('/').pop();
      aliases[m[1] ?? last] = last.startsWith('v1') ? 'v1' : last;
    }
  }
  const types = {};
  let cur = null;
  let markers = [];
  for (const raw of lines) {
    const t = raw.trim();
    if (!cur) {
      let m = t.match(/^type (\w+) struct \{$/);
      if (m) { cur = { fields: [] }; types[m[1]] = cur; markers = []; continue; }
      m = t.match(/^type (\w+) ([^=\s].*)$/);
      if (m && !/^(struct|interface)/.test(m[2])) types[m[1]] = { underlying: m[2].replace(/\s*\/\/.*$/, '') };
      continue;
    }
    if (t === '}') { cur = null; continue; }
    if (t.startsWith('//')) { markers.push(t); continue; }
    if (t === '') { markers = []; continue; }
    const m = t.match(/^(?:(\w+)\s+)?([^`\s][^`]*?)\s*`([^`]*)`/) ?? t.match(/^()([\w.*]+)$/);
    if (m) {
      const tag = m[3] ?? '';
      const json = tag.match(/json:"([^"]*)"/)?.[1] ?? '';
      const f = { goName: m[1] || null, type: m[2].trim(), json: json.split(',')[0], inline: json.includes(',inline') || (!m[1] && !json.split(',')[0]) };
      const ps = tag.match(/patchStrategy:"([^"]*)"/)?.[1];
      const mk = tag.match(/patchMergeKey:"([^"]*)"/)?.[1];
      if (ps) f.ps = ps;
      if (mk) f.mk = mk;
      for (const c of markers) {
        let mm;
        if ((mm = c.match(/^\/\/ \+listType=(\w+)/))) f.lt = mm[1];
        if ((mm = c.match(/^\/\/ \+listMapKey=(\w+)/))) (f.lk ??= []).push(mm[1]);
        if ((mm = c.match(/^\/\/ \+mapType=(\w+)/))) f.mt = mm[1];
      }
      cur.fields.push(f);
    }
    markers = [];
  }
  return { types, aliases };
}

function extractGo(src) {
  const base = join(src, 'staging/src/k8s.io');
  const pick = (...c) => c.map((p) => join(base, p)).find(existsSync);
  const files = {
    'core.v1': pick('api/core/v1/types.go'),
    'apps.v1': pick('api/apps/v1/types.go'),
    'autoscaling.v1': pick('api/autoscaling/v1/types.go'),
    'discovery.v1': pick('api/discovery/v1/types.go', 'api/discovery/v1beta1/types.go'),
    'events.v1': pick('api/events/v1/types.go'),
    'meta.v1': pick('apimachinery/pkg/apis/meta/v1/types.go'),
  };
  const parsed = Object.fromEntries(Object.entries(files).map(([g, f]) => [g, parseGoFile(f)]));
  const out = {};
  for (const [g, { types, aliases }] of Object.entries(parsed)) {
    const flatten = (name, acc) => {
      for (const f of types[name]?.fields ?? []) {
        if (f.inline && !f.type.includes('.')) flatten(f.type.replace(/^\*/, ''), acc);
        else if (f.json) acc[f.json] = f;
      }
      return acc;
    };
    for (const [name, t] of Object.entries(types)) {
      if (!t.fields) continue;
      const fields = {};
      for (const [json, f] of Object.entries(flatten(name, {}))) {
        const e = { g: goTypeName(f.type, aliases) };
        // A named container type: keep its underlying type for element errors.
        const named = types[f.type.replace(/^\*/, '')];
        if (named?.underlying && /^(\[\]|map\[)/.test(named.underlying)) e.gu = goTypeName(named.underlying, aliases);
        for (const k of ['ps', 'mk', 'lt', 'lk', 'mt']) if (f[k]) e[k] = f[k];
        fields[json] = e;
      }
      out[`${g}.${name}`] = fields;
    }
  }
  return out;
}

// --- assemble --------------------------------------------------------------------

if (isMain) main();

function main() {

  const goFile = join(outDir, 'upstream-go.json');
  if (args['k8s-src']) {
    const go = extractGo(args['k8s-src']);
    writeFileSync(goFile, `${JSON.stringify(go, null, 0).replace(/\},"/g, '},\n"')}\n`);
    console.log(`wrote ${goFile}`);
  }
  const go = JSON.parse(readFileSync(goFile, 'utf8'));
  const models = loadModels();

  const PRIMITIVE_GO = { string: 'string', int32: 'int32', int64: 'int64', boolean: 'bool', double: 'float64', byte: '[]uint8',
    Quantity: 'resource.Quantity', IntOrString: 'intstr.IntOrString', Time: 'v1.Time', MicroTime: 'v1.MicroTime',
    FieldsV1: 'v1.FieldsV1', RawExtension: 'runtime.RawExtension', any: 'interface {}' };
  function defaultGo(t) {
    if (t.startsWith('[]')) return `[]${defaultGo(t.slice(2))}`;
    if (t.startsWith('{}')) return `map[string]${defaultGo(t.slice(2))}`;
    if (PRIMITIVE_GO[t]) return PRIMITIVE_GO[t];
    const { group, name } = groupOf(t);
    return `${group[4]}.${name}`;
  }

  const types = {};
  const docs = {};
  let missingGo = 0;
  for (const short of Object.keys(models).sort()) {
    const m = models[short];
    const formats = clientNodeFormats(short);
    const goFields = go[short] ?? {};
    const def = { f: {} };
    const required = [];
    docs[short] = { '': m.desc };
    for (const [field, fm] of Object.entries(m.fields)) {
      const t = withFormat(fm.t, formats?.[field], `${short}.${field}`);
      const gf = { ...(goFields[field] ?? {}), ...(UPSTREAM_ADDITIONS[`${short}.${field}`] ?? {}) };
      if (!goFields[field] && !UPSTREAM_ADDITIONS[`${short}.${field}`] && !/^(apiVersion|kind)$/.test(field)) missingGo++;
      const e = { t };
      if (gf.g && gf.g !== defaultGo(t)) e.g = gf.g;
      if (gf.gu) e.gu = gf.gu;
      for (const k of ['ps', 'mk', 'lt', 'lk', 'mt']) if (gf[k]) e[k] = gf[k];
      if (fm.enum) e.e = fm.enum;
      def.f[field] = e;
      if (fm.req) required.push(field);
      if (fm.desc) docs[short][field] = fm.desc;
    }
    if (required.length) def.r = required;
    types[short] = def;
  }

  const header = (what) =>
    '// Generated by scripts/gen-schema.mjs from kubernetes-models 5.1.0, @kubernetes/client-node 2.0.1\n' +
    `// and upstream Go struct tags (upstream-go.json). Do not edit: ${what}\n`;
  writeFileSync(
    join(outDir, 'types.gen.ts'),
    `${header('the wire types of every served kind.')}import type { RawDef } from './model-types';\n\nexport const RAW_DEFS: Record<string, RawDef> = ${JSON.stringify(types, null, 0).replace(/\},"(?=[a-z]+\.)/g, '},\n"')};\n`,
  );
  writeFileSync(
    join(outDir, 'docs.gen.ts'),
    `${header('descriptions for kubectl explain.')}\nexport const DOCS: Record<string, Record<string, string>> = ${JSON.stringify(docs, null, 0).replace(/\},"(?=[a-z]+\.)/g, '},\n"')};\n`,
  );
  console.log(`${Object.keys(types).length} definitions; fields without Go facts (derived types used): ${missingGo}`);
}
