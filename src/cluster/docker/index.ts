// A minimal Docker Engine API client over the unix socket, for the kubelet.
export { DockerClient, splitReference, type AttachOptions, type EventStream, type EventsOptions, type LogOptions } from './client';
export { Demuxer, muxFrame, type StreamType } from './demux';
export { DEFAULT_DOCKER_SOCKET, parseDockerEndpoint, type DockerEndpoint } from './endpoint';
export { DockerError, isDockerError } from './errors';
export type { HijackedStream } from './hijack';
export { DOCKER_API_VERSION } from './transport';
export type * from './types';
