// Discovery (/api, /apis, /api/v1, ...), /version and the OpenAPI documents,
// as kube-apiserver 1.35 serves them (built in src/cluster/api/discovery and
// src/cluster/api/openapi).
import { acceptsAggregated, aggregatedDiscovery, AGGREGATED_CONTENT_TYPE, apiGroup, apiGroupList, apiResourceList, apiVersions, versionInfo } from '../api/discovery';
import { acceptsOpenAPIV2Protobuf, openAPIV2, openAPIV2Protobuf, openAPIV3, openAPIV3Index, OPENAPI_V2_PROTOBUF_CONTENT_TYPE } from '../api/openapi';
import type { Documents } from './server';

export function serverDocuments(advertise = '127.0.0.1:6443'): Documents {
  const version = versionInfo();
  return {
    discovery(path) {
      if (path === 'version') return version;
      if (path === 'api') return apiVersions(advertise);
      if (path === 'apis') return apiGroupList();
      if (!path.version) return apiGroup(path.group);
      return apiResourceList(path.group, path.version);
    },
    aggregated(root, accept) {
      return acceptsAggregated(accept) ? { body: aggregatedDiscovery(root), contentType: AGGREGATED_CONTENT_TYPE } : undefined;
    },
    openapi(which, accept) {
      if (which === 'v2') {
        const doc = acceptsOpenAPIV2Protobuf(accept) ? openAPIV2Protobuf() : openAPIV2();
        return { body: doc.bytes, contentType: acceptsOpenAPIV2Protobuf(accept) ? OPENAPI_V2_PROTOBUF_CONTENT_TYPE : 'application/json', etag: doc.etag };
      }
      if (which === 'v3') {
        const doc = openAPIV3Index();
        return { body: doc.bytes, contentType: 'application/json' };
      }
      const doc = openAPIV3(which.doc);
      return doc ? { body: doc.bytes, contentType: 'application/json', etag: doc.etag } : undefined;
    },
  };
}
