// The kubelet's container-runtime layer: how pods become Docker containers and
// how Docker's view becomes pod status. Pure functions; the sync loop does the I/O.
export { Backoff, goDuration, INITIAL_BACKOFF_MS, MAX_BACKOFF_MS } from './backoff';
export { podConditions, containersReadyCondition, initializedCondition, readyCondition, KUBELET_CONDITIONS } from './conditions';
export { containerSpec, processUser, type ContainerSpecInput } from './container';
export { containerStatus, containerID, stateOf, type ContainerStatusOptions, type Waiting } from './container-status';
export { formatResolvConf, parseResolvConf, podResolvConfig, type DnsSettings, type ResolvConfig } from './dns';
export { containerArgv, containerEnv, type EnvContext, type ImageCommand } from './env';
export { containerEvents, containerFieldPath, formatPod } from './events';
export { expand, mappingFor } from './expansion';
export { containerHash } from './hash';
export { podHostname, truncateHostname, type PodHostname } from './hostname';
export { managedHostsFile, MANAGED_HOSTS_HEADER, type HostAlias } from './hosts';
export { imageIDOf, imagePullBackOff, planImage, pullPolicy, type ImageFacts, type ImageFailure, type ImagePlan, type ImageToRun, type KubeletEvent } from './images';
export { LABEL, POD_ROLE, nodeFilter, podLabels, readLabels, type ContainerKind, type LabelledContainer, type NodeRef, type PodRef } from './labels';
export { dockerLimits, parseQuantity } from './limits';
export { containerName, sandboxName, shortUID } from './names';
export { KUBERNETES_DEFAULT_CAPABILITIES, NO_CAPABILITIES, type NodeRuntimeConfig, type PodSecurity } from './node-config';
export { containersToPrune, groupByPod, isRunning, liveSandbox, podIPsInUse, type ObservedContainer, type ObservedPod } from './observed';
export { hasAnyRegularContainerStarted, isSidecar, podPhase } from './phase';
export { allocatePodIP, isPodIP } from './pod-ip';
export { daemonPathFor, KUBELET_DIR, podFiles, type PodFile, type PodFiles } from './pod-files';
export { podStatus, type PodStatusInput } from './pod-status';
export { qosClass } from './qos';
export { backoffKey, decideRestart, runtimeState, shouldContainerBeRestarted, shouldInitContainerBeRestarted, type RestartDecision, type RuntimeState } from './restart';
export { gracePeriodSeconds, podFileMounts, podRef, sandboxSpec, SANDBOX_COMMAND } from './sandbox';
export { serviceEnvMap, serviceEnvVars } from './service-env';
export { parseImageName, standInFor, STAND_IN_NAMES, type ImageName, type StandIn } from './stand-ins';
export { kubeNow, kubeTime } from './time';
