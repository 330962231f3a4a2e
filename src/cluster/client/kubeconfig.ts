// The API server address from a component's --kubeconfig (the lab's
// kubeconfigs name a plain http server and carry no credentials).
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';

interface KubeconfigFile {
  clusters?: { name: string; cluster: { server: string } }[];
  contexts?: { name: string; context: { cluster: string } }[];
  'current-context'?: string;
}

export function serverFromKubeconfig(text: string): string {
  const config = yaml.load(text) as KubeconfigFile;
  const context = config.contexts?.find((c) => c.name === config['current-context']);
  const cluster = config.clusters?.find((c) => c.name === context?.context.cluster) ?? config.clusters?.[0];
  if (!cluster?.cluster.server) throw new Error('kubeconfig names no server');
  return cluster.cluster.server;
}

export function readKubeconfig(path: string): string {
  return serverFromKubeconfig(readFileSync(path, 'utf8'));
}
