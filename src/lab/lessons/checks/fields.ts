// Reading a field of an API object by a path such as `spec.ports[0].nodePort`
// (`spec.ports.0.nodePort` works too). Pure.

export function fieldPath(path: string): (string | number)[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

export function fieldAt(object: unknown, path: string): unknown {
  let here: unknown = object;
  for (const key of fieldPath(path)) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<string | number, unknown>)[key];
  }
  return here;
}
