// Which form of /openapi/v2 a request asks for. kubectl 1.20 (client-go's discovery
// client) sends only the protobuf media type, "@" form; kube-openapi also accepts the
// newer "." form.
export function acceptsOpenAPIV2Protobuf(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((part) => {
    const media = part.split(';')[0].trim().toLowerCase();
    return media === 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' || media === 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';
  });
}
