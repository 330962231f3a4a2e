// Which representation the client asked for in Accept: a plain object, a
// meta.k8s.io Table (kubectl get), or PartialObjectMetadata (metadata-only
// clients such as the garbage collector). We always speak JSON.

export type Representation =
  | { as: 'object' }
  | { as: 'Table'; version: 'v1' | 'v1beta1' }
  | { as: 'PartialObjectMetadata'; version: 'v1' | 'v1beta1' };

interface MediaRange {
  type: string;
  params: Record<string, string>;
}

function parseAccept(header: string): MediaRange[] {
  return header
    .split(',')
    .map((part) => {
      const [type = '', ...params] = part.split(';').map((s) => s.trim());
      const map: Record<string, string> = {};
      for (const p of params) {
        const eq = p.indexOf('=');
        if (eq > 0) map[p.slice(0, eq).trim()] = p.slice(eq + 1).trim();
      }
      return { type: type.toLowerCase(), params: map };
    })
    .filter((m) => m.type);
}

/** The first acceptable representation, in the client's order; undefined when none (406). */
export function negotiate(accept: string | undefined): Representation | undefined {
  if (!accept) return { as: 'object' };
  for (const m of parseAccept(accept)) {
    const jsonish = m.type === 'application/json' || m.type === '*/*' || m.type === 'application/*' || m.type === 'application/yaml';
    const protobuf = m.type === 'application/vnd.kubernetes.protobuf';
    if (!jsonish && !protobuf) continue;
    const as = m.params.as;
    if (!as) {
      // We cannot write protobuf; a client that also accepts JSON lists it next.
      if (protobuf) continue;
      return { as: 'object' };
    }
    if (m.params.g !== 'meta.k8s.io') continue;
    const version = m.params.v === 'v1beta1' ? 'v1beta1' : m.params.v === 'v1' ? 'v1' : undefined;
    if (!version) continue;
    if (as === 'Table') return { as: 'Table', version };
    if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') return { as: 'PartialObjectMetadata', version };
  }
  return undefined;
}
