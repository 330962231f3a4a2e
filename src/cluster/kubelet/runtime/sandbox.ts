// The pod sandbox: one small container per pod that holds the pod's network
// (its fixed address on the node's pod network) and IPC namespaces; the pod's
// containers join them. It runs `sleep` under tini, which exits at once on
// SIGTERM, so stopping a pod never waits for a timeout.
import type { Pod } from '../../api/types';
import type { ContainerCreateBody, MountSpec } from '../../docker/types';
import { podHostname } from './hostname';
import { LABEL, podLabels, type PodRef } from './labels';
import { sandboxName } from './names';
import { NO_CAPABILITIES, type NodeRuntimeConfig } from './node-config';
import type { PodFiles } from './pod-files';

export const SANDBOX_COMMAND = ['tini', '--', 'sleep', 'infinity'];

export function podRef(pod: Pod): PodRef {
  return { namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '' };
}

/** The kubelet-managed /etc/hosts and /etc/resolv.conf, bound into every container of the pod. */
export function podFileMounts(files: PodFiles): MountSpec[] {
  return [files.hosts, files.resolvConf].map((f) => ({ Type: 'bind', Source: f.source, Target: f.target }));
}

export function gracePeriodSeconds(pod: Pod): number {
  const g = pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds;
  return typeof g === 'number' && g >= 0 ? g : 30;
}

/** `attempt`: sandboxes the pod had before (observed.sandboxes.length); 0 for its first. */
export function sandboxSpec(pod: Pod, node: NodeRuntimeConfig, podIP: string, files: PodFiles, attempt = 0): { name: string; body: ContainerCreateBody } {
  const ref = podRef(pod);
  const { hostname, domain } = podHostname(pod, node.clusterDomain);
  const security = node.security ?? NO_CAPABILITIES;
  return {
    name: sandboxName(node, ref, attempt),
    body: {
      Image: node.labImage,
      Entrypoint: [SANDBOX_COMMAND[0]!],
      Cmd: SANDBOX_COMMAND.slice(1),
      Hostname: hostname,
      Domainname: domain || undefined,
      Labels: {
        ...podLabels(node, ref, 'sandbox'),
        [LABEL.podIP]: podIP,
        [LABEL.sandboxAttempt]: String(attempt),
        [LABEL.terminationGracePeriod]: String(gracePeriodSeconds(pod)),
      },
      StopTimeout: 10,
      HostConfig: {
        NetworkMode: node.podNetwork,
        IpcMode: 'shareable',
        CapDrop: security.capDrop,
        CapAdd: security.capAdd,
        SecurityOpt: security.securityOpt,
        Privileged: false,
        Mounts: podFileMounts(files),
        RestartPolicy: { Name: 'no' },
        LogConfig: { Type: 'json-file', Config: { 'max-size': '1m', 'max-file': '1' } },
      },
      NetworkingConfig: { EndpointsConfig: { [node.podNetwork]: { IPAMConfig: { IPv4Address: podIP } } } },
    },
  };
}
