#!/usr/bin/env node
// Generates src/cluster/api/protobuf/schema.gen.ts: the protobuf messages of every kind
// KubeLab accepts as a request body, field number by field number, with what the JSON
// of the same Go struct needs (json name, omitempty, pointer, inline).
//
// Source: the Go type descriptors inside the kubectl binary the lab already caches.
// Upstream's generated.proto gives field numbers and names, but not what decides the
// JSON: whether a Go field is a pointer (a present zero, replicas: 0, must stay) and
// whether its json tag has omitempty (an absent zero must then stay absent). The
// struct tags in the binary carry both tags at once, e.g.
//   Replicas *int32 `json:"replicas,omitempty" protobuf:"varint,1,opt,name=replicas"`
// so they are read from there: the ELF's .rodata holds one abi.Type per Go type, and
// each named struct lists its fields (name with tag, type, offset). The layout read here
// is Go 1.21+'s (internal/abi/type.go) on amd64, which kubectl 1.35 (Go 1.25) uses.
// Field numbers and names agree with upstream's generated.proto (go-to-protobuf makes
// those from the same tags): scripts/gen-protobuf-schema.test.ts checks some of them.
//
// Usage: node scripts/gen-protobuf-schema.mjs [--kubectl PATH] [--out FILE]
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// The kinds the API server accepts as bodies (lists and Status are never sent to it).
export const ROOTS = [
  'k8s.io/api/core/v1.Namespace', 'k8s.io/api/core/v1.Node', 'k8s.io/api/core/v1.Pod',
  'k8s.io/api/core/v1.Service', 'k8s.io/api/core/v1.Endpoints', 'k8s.io/api/core/v1.Event',
  'k8s.io/api/core/v1.Binding',
  'k8s.io/api/apps/v1.Deployment', 'k8s.io/api/apps/v1.ReplicaSet',
  'k8s.io/api/autoscaling/v1.Scale',
  'k8s.io/api/discovery/v1.EndpointSlice',
  'k8s.io/api/events/v1.Event',
  'k8s.io/api/policy/v1.Eviction',
  'k8s.io/apimachinery/pkg/apis/meta/v1.DeleteOptions',
];

// Go package → the prefix of message names in the schema (types.gen.ts's naming).
const PACKAGES = {
  'k8s.io/api/core/v1': 'core.v1',
  'k8s.io/api/apps/v1': 'apps.v1',
  'k8s.io/api/autoscaling/v1': 'autoscaling.v1',
  'k8s.io/api/discovery/v1': 'discovery.v1',
  'k8s.io/api/events/v1': 'events.v1',
  'k8s.io/api/policy/v1': 'policy.v1',
  'k8s.io/apimachinery/pkg/apis/meta/v1': 'meta.v1',
};

// Go package → apiVersion of its kinds (meta/v1's DeleteOptions is registered in every group).
const API_VERSIONS = {
  'k8s.io/api/core/v1': 'v1',
  'k8s.io/api/apps/v1': 'apps/v1',
  'k8s.io/api/autoscaling/v1': 'autoscaling/v1',
  'k8s.io/api/discovery/v1': 'discovery.k8s.io/v1',
  'k8s.io/api/events/v1': 'events.k8s.io/v1',
  'k8s.io/api/policy/v1': 'policy/v1',
  'k8s.io/apimachinery/pkg/apis/meta/v1': '*',
};

// Types with their own protobuf and JSON codecs (time_proto.go, intstr.go, quantity_proto.go,
// runtime/types_proto.go, FieldsV1's raw JSON): leaves of the schema, decoded by name.
const SPECIAL = {
  'k8s.io/apimachinery/pkg/apis/meta/v1.Time': 'Time',
  'k8s.io/apimachinery/pkg/apis/meta/v1.MicroTime': 'MicroTime',
  'k8s.io/apimachinery/pkg/apis/meta/v1.FieldsV1': 'FieldsV1',
  'k8s.io/apimachinery/pkg/util/intstr.IntOrString': 'IntOrString',
  'k8s.io/apimachinery/pkg/api/resource.Quantity': 'Quantity',
};
// Types with their own codecs that the decoder does not implement: none of the served
// kinds reaches them today; reaching one must stop the generator, not mis-decode.
const UNSUPPORTED = ['k8s.io/apimachinery/pkg/apis/meta/v1.Duration', 'k8s.io/apimachinery/pkg/runtime.RawExtension'];

// reflect.Kind values (internal/abi.Kind).
// Only the scalar kinds the served kinds use: the decoder knows no others, and a kind
// that starts to need one (a float, an unsigned int) must stop the generator.
const KIND = { 1: 'bool', 5: 'int32', 6: 'int64', 24: 'string' };
const K_MAP = 21, K_PTR = 22, K_SLICE = 23, K_STRUCT = 25, K_UINT8 = 8;

/** The Go types in a static amd64 ELF Go binary, read from its type descriptors. */
export function readGoTypes(buf) {
  const shoff = Number(buf.readBigUInt64LE(0x28));
  const shentsize = buf.readUInt16LE(0x3a);
  const shnum = buf.readUInt16LE(0x3c);
  const shstrndx = buf.readUInt16LE(0x3e);
  const secs = [];
  for (let i = 0; i < shnum; i++) {
    const o = shoff + i * shentsize;
    secs.push({ nameOff: buf.readUInt32LE(o), type: buf.readUInt32LE(o + 4), addr: Number(buf.readBigUInt64LE(o + 0x10)), off: Number(buf.readBigUInt64LE(o + 0x18)), size: Number(buf.readBigUInt64LE(o + 0x20)) });
  }
  for (const s of secs) {
    let e = secs[shstrndx].off + s.nameOff;
    s.name = '';
    while (buf[e]) s.name += String.fromCharCode(buf[e++]);
  }
  const rodata = secs.find((s) => s.name === '.rodata');
  if (!rodata) throw new Error('no .rodata: not a Go ELF binary');
  const loaded = secs.filter((s) => s.size && s.addr && s.type !== 8 /* NOBITS */);
  const at = (addr) => {
    for (const s of loaded) if (addr >= s.addr && addr < s.addr + s.size) return s.off + (addr - s.addr);
    throw new Error(`address 0x${addr.toString(16)} is not in the file`);
  };
  const inRodata = (addr) => addr >= rodata.addr && addr < rodata.addr + rodata.size;
  const u64 = (addr) => Number(buf.readBigUInt64LE(at(addr)));
  // moduledata.types is the start of .rodata in the external-linker-free layout Go uses.
  const base = rodata.addr;
  const varint = (o) => {
    let v = 0, shift = 0, b;
    do { b = buf[o++]; v += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
    return [v, o];
  };
  const nameAt = (addr) => {
    const o = at(addr);
    const [len, p] = varint(o + 1);
    const name = buf.toString('utf8', p, p + len);
    let tag = '';
    if (buf[o] & 2) {
      const [tl, q] = varint(p + len);
      tag = buf.toString('utf8', q, q + tl);
    }
    return { name, tag, embedded: (buf[o] & 8) !== 0 };
  };
  const kindOf = (t) => buf[at(t) + 23] & 0x1f;
  const strOf = (t) => {
    const o = at(t);
    const n = nameAt(base + buf.readInt32LE(o + 40)).name;
    return buf[o + 20] & 2 ? n.slice(1) : n; // tflagExtraStar
  };
  // Uncommon data follows the kind-specific part; only named struct types need it here.
  const pkgOfStruct = (t) => (buf[at(t) + 20] & 1 ? nameAt(base + buf.readInt32LE(at(t) + 80)).name : '');

  const structs = new Map();
  const describe = (t) => {
    const kind = kindOf(t);
    const named = (buf[at(t) + 20] & 4) !== 0;
    if (kind === K_PTR) return { kind, elem: describe(u64(t + 48)) };
    if (kind === K_SLICE) return { kind, elem: describe(u64(t + 48)) };
    if (kind === K_MAP) return { kind, key: describe(u64(t + 48)), elem: describe(u64(t + 56)) };
    if (kind === K_STRUCT) {
      const short = strOf(t);
      return { kind, id: `${pkgOfStruct(t)}.${short.slice(short.indexOf('.') + 1)}`, addr: t };
    }
    return { kind, name: named ? strOf(t) : undefined };
  };
  const fieldsOf = (t) => {
    const out = [];
    const p = u64(t + 56), n = u64(t + 64);
    for (let i = 0; i < n; i++) {
      const f = p + i * 24;
      const { name, tag, embedded } = nameAt(u64(f));
      out.push({ name, tag, embedded, type: describe(u64(f + 8)) });
    }
    return out;
  };
  for (let a = rodata.addr; a < rodata.addr + rodata.size - 88; a += 8) {
    const o = at(a);
    if ((buf[o + 23] & 0x1f) !== K_STRUCT || (buf[o + 20] & 5) !== 5) continue; // named, with uncommon data
    const str = buf.readInt32LE(o + 40);
    if (str < 0 || str >= rodata.size) continue;
    const fp = u64(a + 56), fl = u64(a + 64);
    if (fl !== u64(a + 72) || fl > 500 || (fl && !inRodata(fp))) continue;
    let id;
    try {
      const short = strOf(a);
      const pkg = pkgOfStruct(a);
      if (!/^k8s\.io\/(api|apimachinery)\//.test(pkg)) continue;
      id = `${pkg}.${short.slice(short.indexOf('.') + 1)}`;
    } catch {
      continue;
    }
    if (!structs.has(id)) structs.set(id, { addr: a, fields: () => fieldsOf(a) });
  }
  return structs;
}

function parseJsonTag(tag) {
  const m = /(?:^| )json:"([^"]*)"/.exec(tag);
  if (!m) return undefined;
  const [name, ...opts] = m[1].split(',');
  return { name, omitempty: opts.includes('omitempty'), omitzero: opts.includes('omitzero'), inline: opts.includes('inline') };
}

function parseProtoTag(tag) {
  const m = /(?:^| )protobuf:"([^"]*)"/.exec(tag);
  if (!m) return undefined;
  const [wire, num, label] = m[1].split(',');
  return { wire, num: Number(num), repeated: label === 'rep' };
}

/** A field's type expression: a scalar, a special codec, or another message. */
function typeExpr(t, need) {
  if (t.kind === K_STRUCT) {
    if (SPECIAL[t.id]) return SPECIAL[t.id];
    if (UNSUPPORTED.includes(t.id)) throw new Error(`${t.id} is reachable: give it a codec in src/cluster/api/protobuf`);
    need(t.id);
    return messageName(t.id);
  }
  if (t.kind === K_SLICE && t.elem.kind === K_UINT8) return 'bytes';
  const s = KIND[t.kind];
  if (!s) throw new Error(`unsupported Go kind ${t.kind}`);
  return s;
}

export function messageName(id) {
  const dot = id.lastIndexOf('.');
  const prefix = PACKAGES[id.slice(0, dot)];
  if (!prefix) throw new Error(`no message prefix for package of ${id}`);
  return `${prefix}.${id.slice(dot + 1)}`;
}

/**
 * Every message reachable from the roots: name → fields in Go struct order, each
 * "number json type flags [GoName]" with flags p (pointer: presence kept), o (omitempty),
 * r (repeated), m (map of string to type), z (omitzero), i (inline: its fields join the parent's),
 * or "-" for none; the Go field name when it is not the json name capitalized.
 */
export function buildSchema(structs, roots = ROOTS) {
  const out = {};
  const queue = [...roots];
  const seen = new Set(queue);
  const need = (id) => {
    if (!seen.has(id)) { seen.add(id); queue.push(id); }
  };
  while (queue.length) {
    const id = queue.shift();
    const s = structs.get(id);
    if (!s) throw new Error(`no Go type ${id} in the binary`);
    const fields = [];
    for (const f of s.fields()) {
      const proto = parseProtoTag(f.tag);
      const json = parseJsonTag(f.tag);
      if (!proto) continue; // TypeMeta and other JSON-only fields: not on the wire
      let t = f.type;
      let flags = '';
      if (t.kind === K_PTR) { flags += 'p'; t = t.elem; }
      let type;
      if (t.kind === K_MAP) {
        if (t.key.kind !== 24) throw new Error(`${id}.${f.name}: map key is not a string`);
        flags += 'm';
        type = typeExpr(t.elem.kind === K_PTR ? t.elem.elem : t.elem, need);
      } else if (t.kind === K_SLICE && t.elem.kind !== K_UINT8) {
        flags += 'r';
        type = typeExpr(t.elem.kind === K_PTR ? t.elem.elem : t.elem, need);
      } else {
        type = typeExpr(t, need);
      }
      // The Go type decides: EndpointSlice.addressType is tagged "rep" but is a plain
      // string, and upstream's generated code and .proto treat it as one.
      // (Many tags are stale that way; go-to-protobuf and the generated code follow the type.)
      void proto.repeated;
      if (json?.omitempty) flags += 'o';
      if (json?.omitzero) flags += 'z';
      if (json?.inline || (f.embedded && !json?.name)) flags += 'i';
      const jsonName = json?.name === '-' ? '-' : json?.name || f.name;
      const json1 = flags.includes('i') ? '_' : jsonName;
      // The Go name only names the field in decode errors; most are the json name capitalized.
      const goName = f.name === json1.charAt(0).toUpperCase() + json1.slice(1) ? '' : ` ${f.name}`;
      fields.push(`${proto.num} ${json1} ${type} ${flags || '-'}${goName}`);
    }
    out[messageName(id)] = fields;
  }
  return out;
}

/** "apiVersion kind" → message of each root; "*" stands for any apiVersion. */
export function rootKinds(roots = ROOTS) {
  return Object.fromEntries(roots.map((id) => {
    const dot = id.lastIndexOf('.');
    return [`${API_VERSIONS[id.slice(0, dot)]} ${id.slice(dot + 1)}`, messageName(id)];
  }));
}

function render(schema, source) {
  const lines = Object.keys(schema).sort().map((k) => `  ${JSON.stringify(k)}: ${JSON.stringify(schema[k])},`);
  const kinds = Object.entries(rootKinds()).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  return `// Generated by scripts/gen-protobuf-schema.mjs from ${source}. Do not edit.
// The kinds a request body may carry: "apiVersion kind" → message ("*": any apiVersion).
export const KINDS: Record<string, string> = {
${kinds.join('\n')}
};

// Message → fields in Go struct order: "number json type flags [GoName]"; flags: p pointer,
// o omitempty, z omitzero, r repeated, m map<string, type>, i inline (json name "_"), - none.
export const MESSAGES: Record<string, readonly string[]> = {
${lines.join('\n')}
};
`;
}

export const DEFAULT_KUBECTL = join(root, '.cache/kubectl/v1.35.2/kubectl');
export const OUT_FILE = join(root, 'src/cluster/api/protobuf/schema.gen.ts');

/** The schema and the text of schema.gen.ts for a kubectl binary. */
export function generate(kubectl = DEFAULT_KUBECTL) {
  const schema = buildSchema(readGoTypes(readFileSync(kubectl)));
  const version = /v\d+\.\d+\.\d+/.exec(kubectl)?.[0] ?? 'kubectl';
  return { schema, text: render(schema, `the Go types of kubectl ${version}`) };
}

function main() {
  const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
  const outFile = args.out ?? OUT_FILE;
  const { schema, text } = generate(args.kubectl);
  writeFileSync(outFile, text);
  const fields = Object.values(schema).reduce((n, f) => n + f.length, 0);
  console.log(`${outFile}: ${Object.keys(schema).length} messages, ${fields} fields`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
