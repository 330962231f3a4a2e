// Corpus cases too big to keep as files: written out when the test runs. Each has the
// manifest kubectl reads and, where a YAML manifest cannot be turned into JSON here
// (js-yaml would overflow the stack), the JSON body the direct request sends.

export interface GeneratedCase {
  /** File extension of the manifest (kubectl picks YAML or JSON by content, not name). */
  ext: 'yaml' | 'json';
  manifest(): Buffer;
  /** The body for the direct request when it is not the manifest converted to JSON. */
  apiBody?(): Buffer;
}

const service = (name: string, extra: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n${extra}spec:\n  ports:\n  - port: 80\n`;

export const GENERATED: Record<string, GeneratedCase> = {
  // metadata.annotations over 256 KiB in total (ValidateAnnotations: TotalAnnotationSizeLimitB).
  'huge-annotation': {
    ext: 'yaml',
    manifest: () => Buffer.from(service('big-annotation', `  annotations:\n    note: "${'x'.repeat(300 * 1024)}"\n`)),
  },
  // A body over kube-apiserver's 3 MiB request limit (MaxRequestBodyBytes): 4 MiB of annotation.
  'huge-body': {
    ext: 'yaml',
    manifest: () => Buffer.from(service('big-body', `  annotations:\n    note: "${'x'.repeat(4 * 1024 * 1024)}"\n`)),
  },
  // 5,000 nested sequences in an unknown field: deep, but within Go's limit of 10,000.
  'deep-nesting': {
    ext: 'yaml',
    manifest: () => Buffer.from(`apiVersion: v1\nkind: Service\nmetadata:\n  name: deep\nspec:\n  ports:\n  - port: 80\n  nested: ${'['.repeat(5000)}${']'.repeat(5000)}\n`),
    apiBody: () => Buffer.from(`{"apiVersion":"v1","kind":"Service","metadata":{"name":"deep"},"spec":{"ports":[{"port":80}],"nested":${'['.repeat(5000)}${']'.repeat(5000)}}}`),
  },
  // 20,000 levels: beyond what Go's YAML and JSON decoders accept (10,000).
  'too-deep': {
    ext: 'yaml',
    manifest: () => Buffer.from(`apiVersion: v1\nkind: Service\nmetadata:\n  name: too-deep\nspec:\n  ports:\n  - port: 80\n  nested: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`),
    apiBody: () => Buffer.from(`{"apiVersion":"v1","kind":"Service","metadata":{"name":"too-deep"},"spec":{"ports":[{"port":80}],"nested":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`),
  },
};
