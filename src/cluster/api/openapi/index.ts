// OpenAPI: what /openapi/v2 and /openapi/v3 serve.
export { openAPIV2, openAPIV2Protobuf, openAPIV3, openAPIV3Index, v3PathOf, OPENAPI_V2_PROTOBUF_CONTENT_TYPE, type Document } from './documents';
export { acceptsOpenAPIV2Protobuf } from './negotiate';
