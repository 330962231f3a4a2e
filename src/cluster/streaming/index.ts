// kubectl exec, attach and logs: the kubelet's streaming server (remote-command
// WebSocket protocols bridged to Docker) and the API server's proxy to it.
export { runAttach } from './attach';
export { bridge, type BridgeOptions } from './bridge';
export { DETACH_KEYS, runExec } from './exec';
export { writeHttpResponse } from './http-reply';
export { createKubeletStreamingServer, type ContainerQuery, type KubeletStreamingOptions, type KubeletStreamingServer } from './kubelet-server';
export { chooseContainer, logLocation, streamLocation, type KubeletEndpoint, type Location } from './locations';
export { dockerIdOf, logTarget, type LogTarget } from './log-target';
export { ByteLimit, dockerLogOptions, parseLogOptions, rfc3339Nano, TimestampRewriter, type PodLogOptions } from './logs';
export { CHANNEL, decodeFrame, encodeFrame, PROTOCOL, selectProtocol, TRAITS, type Protocol } from './protocol';
export { parseCommand, parseKubeletPath, parseStreamOptions, type KubeletRoute, type StreamOptions } from './request';
export { ResizeDecoder, type TerminalSize } from './resize';
export { exitCodeMessage, exitCodeStatus, goStringSlice, internalErrorStatus, successStatus } from './status';
export { isRefusal, type ContainerTarget, type StreamRefusal } from './target';
export { dialErrorText, proxyUpgrade, unknownErrorStatus, upgradeRequestHead, type ProxyOptions } from './upgrade-proxy';
export { ChannelSession } from './ws-session';
