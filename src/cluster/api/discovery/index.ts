// Discovery: what GET /api, /apis, /api/v1, /apis/<group>/<version> and /version answer.
export { apiVersions, apiGroupList, apiGroup, apiResourceList, versionInfo, VERSION, type VersionInfo } from './documents';
export { aggregatedDiscovery, acceptsAggregated, AGGREGATED_CONTENT_TYPE } from './aggregated';
export { ALL_GROUP_VERSIONS, CORE_V1, APPS_V1, APIEXTENSIONS_V1, DISCOVERY_V1, EVENTS_V1, GROUPS, type APIResource, type GroupVersion } from './resources';
