// What of a lab exists in Docker right now, found by labels: this is how the
// engine re-attaches to a lab after a restart of the app or of Docker.
import type Docker from 'dockerode';
import { LAB_LABEL, ROLE_LABEL, HOST_LABEL } from '../topology/plan';

export interface ContainerInfo {
  id: string;
  name: string;
  image: string;
  state: string;
  role?: string;
  host?: string;
  labels: Record<string, string>;
}

export interface Inventory {
  containers: ContainerInfo[];
  networks: { id: string; name: string }[];
  volumes: string[];
}

export async function inventory(docker: Docker, lab: string): Promise<Inventory> {
  const filter = JSON.stringify({ label: [`${LAB_LABEL}=${lab}`] });
  const [containers, networks, volumes] = await Promise.all([
    docker.listContainers({ all: true, filters: filter }),
    docker.listNetworks({ filters: filter }),
    docker.listVolumes({ filters: filter }),
  ]);
  return {
    containers: containers.map((c) => ({
      id: c.Id,
      name: (c.Names[0] ?? '').replace(/^\//, ''),
      image: c.Image,
      state: c.State,
      role: c.Labels[ROLE_LABEL],
      host: c.Labels[HOST_LABEL],
      labels: c.Labels,
    })),
    networks: networks.map((n) => ({ id: n.Id, name: n.Name })),
    volumes: (volumes.Volumes ?? []).map((v) => v.Name),
  };
}
