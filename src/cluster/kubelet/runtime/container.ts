// A pod container's Docker configuration: the argv and environment Kubernetes
// semantics give it, the pod's network and IPC namespaces (the sandbox's), the
// kubelet-managed /etc/hosts and /etc/resolv.conf, no capabilities, and labels
// that let a restarted kubelet recognise it.
import type { Container, Pod, SecurityContext } from '../../api/types';
import type { ContainerCreateBody } from '../../docker/types';
import { containerArgv } from './env';
import { containerHash } from './hash';
import type { ImageToRun } from './images';
import { LABEL, podLabels } from './labels';
import { dockerLimits } from './limits';
import { containerName } from './names';
import { NO_CAPABILITIES, type NodeRuntimeConfig } from './node-config';
import type { PodFiles } from './pod-files';
import { gracePeriodSeconds, podFileMounts, podRef } from './sandbox';

export interface ContainerSpecInput {
  pod: Pod;
  container: Container;
  kind: 'init' | 'container';
  node: NodeRuntimeConfig;
  /** The sandbox's Docker ID (or name). */
  sandbox: string;
  /** How many times this container has run before (0 the first time). */
  restartCount: number;
  image: ImageToRun;
  /** From containerEnv(). */
  env: readonly { name: string; value: string }[];
  files: PodFiles;
}

/** securityContext.runAsUser/runAsGroup (container over pod), else the stand-in's user, else the image's. */
export function processUser(pod: Pod, container: Container, image: ImageToRun): string | undefined {
  const podCtx = (pod.spec.securityContext ?? {}) as SecurityContext;
  const ctx = container.securityContext ?? {};
  const uid = ctx.runAsUser ?? podCtx.runAsUser;
  const gid = ctx.runAsGroup ?? podCtx.runAsGroup;
  if (uid !== undefined) return gid !== undefined ? `${uid}:${gid}` : String(uid);
  return image.user;
}

export function containerSpec(input: ContainerSpecInput): { name: string; body: ContainerCreateBody } {
  const { pod, container, node, image } = input;
  const ref = podRef(pod);
  const argv = containerArgv(container, image.command, input.env);
  const security = node.security ?? NO_CAPABILITIES;
  const labels: Record<string, string> = {
    ...podLabels(node, ref, input.kind),
    [LABEL.containerName]: container.name,
    [LABEL.restartCount]: String(input.restartCount),
    [LABEL.hash]: containerHash(container),
    [LABEL.requestedImage]: container.image ?? '',
    [LABEL.imageSource]: image.source,
    [LABEL.imageID]: image.imageID,
  };
  if (image.execUser !== undefined) labels[LABEL.execUser] = image.execUser;
  return {
    name: containerName(node, ref, container.name, input.restartCount),
    body: {
      Image: image.image,
      // The whole argv as the entrypoint with an empty cmd: Docker then runs
      // exactly it, never merging the image's own ENTRYPOINT/CMD back in.
      // An empty argv is left to Docker, which refuses it ("No command specified").
      Entrypoint: argv.length > 0 ? argv : undefined,
      Cmd: argv.length > 0 ? [] : undefined,
      Env: input.env.map((e) => `${e.name}=${e.value}`),
      WorkingDir: container.workingDir,
      User: processUser(pod, container, image),
      Tty: container.tty === true,
      OpenStdin: container.stdin === true,
      StdinOnce: container.stdinOnce === true,
      Labels: labels,
      StopSignal: image.stopSignal,
      StopTimeout: gracePeriodSeconds(pod),
      HostConfig: {
        NetworkMode: `container:${input.sandbox}`,
        IpcMode: `container:${input.sandbox}`,
        CapDrop: security.capDrop,
        CapAdd: security.capAdd,
        SecurityOpt: security.securityOpt,
        Privileged: false,
        Mounts: podFileMounts(input.files),
        RestartPolicy: { Name: 'no' },
        // The kubelet's defaults: containerLogMaxSize 10Mi, containerLogMaxFiles 5.
        LogConfig: { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '5' } },
        ...dockerLimits(container.resources?.limits),
      },
    },
  };
}
