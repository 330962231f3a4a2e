// A container's environment and argv, as kubelet_pods.go makeEnvironmentVariables
// and ExpandContainerCommandAndArgs build them: declared variables in order
// (values expanded against the ones before them and the service variables,
// valueFrom.fieldRef resolved), then the service variables not declared.
import type { Container, EnvVar, Pod, Service } from '../../api/types';
import { expand, mappingFor } from './expansion';
import { serviceEnvMap } from './service-env';

export interface EnvContext {
  /** Services the kubelet knows, any namespace; the `kubernetes` one is always wanted. */
  services?: readonly Service[];
  podIP?: string;
  hostIP?: string;
  nodeName?: string;
}

interface FieldRef {
  fieldRef?: { fieldPath?: string };
}

function fieldValue(pod: Pod, path: string, ctx: EnvContext): string {
  const label = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (label) return (label[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[label[2]!] ?? '';
  switch (path) {
    case 'metadata.name': return pod.metadata.name ?? '';
    case 'metadata.namespace': return pod.metadata.namespace ?? '';
    case 'metadata.uid': return pod.metadata.uid ?? '';
    case 'spec.nodeName': return pod.spec.nodeName ?? ctx.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec.serviceAccountName ?? '';
    case 'status.hostIP':
    case 'status.hostIPs': return ctx.hostIP ?? '';
    case 'status.podIP':
    case 'status.podIPs': return ctx.podIP ?? '';
    default:
      throw new Error(`unsupported fieldPath: ${path}`);
  }
}

function resolveValueFrom(pod: Pod, v: EnvVar, ctx: EnvContext): string {
  const from = v.valueFrom as FieldRef | undefined;
  const path = from?.fieldRef?.fieldPath;
  // configMapKeyRef / secretKeyRef / resourceFieldRef: the lab's API has no ConfigMaps or Secrets.
  if (!path) throw new Error(`env ${v.name}: only valueFrom.fieldRef is supported in KubeLab`);
  return fieldValue(pod, path, ctx);
}

/**
 * The container's variables in order. Throws for what cannot be resolved: the
 * kubelet reports that as CreateContainerConfigError.
 */
export function containerEnv(pod: Pod, container: Container, ctx: EnvContext = {}): { name: string; value: string }[] {
  const enableLinks = pod.spec.enableServiceLinks !== false;
  const serviceEnv = serviceEnvMap(ctx.services ?? [], pod.metadata.namespace ?? 'default', enableLinks);
  const declared = new Map<string, string>();
  const mapping = mappingFor(declared, serviceEnv);
  for (const v of container.env ?? []) {
    let value = v.value ?? '';
    if (value !== '') value = expand(value, mapping);
    else if (v.valueFrom) value = resolveValueFrom(pod, v, ctx);
    declared.set(v.name, value);
  }
  const out = [...declared].map(([name, value]) => ({ name, value }));
  for (const [name, value] of serviceEnv) if (!declared.has(name)) out.push({ name, value });
  return out;
}

export interface ImageCommand {
  entrypoint: string[];
  cmd: string[];
}

/**
 * The process to run: `command` replaces the image's entrypoint (and drops its
 * cmd), `args` replaces its cmd; `$(VAR)` in either is expanded from the
 * container's environment.
 */
export function containerArgv(container: Container, image: ImageCommand, env: readonly { name: string; value: string }[]): string[] {
  const mapping = mappingFor(new Map(env.map((e) => [e.name, e.value])));
  const command = (container.command ?? []).map((c) => expand(c, mapping));
  const args = (container.args ?? []).map((a) => expand(a, mapping));
  if (command.length > 0) return [...command, ...args];
  if (args.length > 0) return [...image.entrypoint, ...args];
  return [...image.entrypoint, ...image.cmd];
}
