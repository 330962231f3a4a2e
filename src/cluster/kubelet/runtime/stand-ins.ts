// Well-known images the lab image stands in for when Docker does not have them
// (DESIGN.md §3): the lab is offline, and the lesson's `nginx` must still serve
// pages. Each stand-in runs what the real image runs by default, as closely as
// the lab image allows, and the pod gets an Event saying so.

export interface StandIn {
  /** The real image's default process (its ENTRYPOINT and CMD). */
  entrypoint: string[];
  cmd: string[];
  /** The process's user; unset means root, as the real images run. */
  user?: string;
  /** `kubectl exec` runs as this user (the real image's default user). */
  execUser?: string;
  stopSignal?: string;
  /** How the Event names what runs instead, e.g. "the lab's nginx 1.22". */
  runs: string;
}

// Debian bookworm's nginx, which the lab image carries.
const LAB_NGINX = "the lab's nginx 1.22";
const LAB_SHELL = 'the lab image (Debian 12 with bash, curl, dig, ping)';

const NGINX: StandIn = {
  entrypoint: [],
  cmd: ['nginx', '-c', '/etc/kubelab/pod-nginx.conf', '-g', 'daemon off;'],
  // Pods have no capabilities, so nginx cannot start as root and switch users:
  // it runs as the official image's worker user from the start.
  user: '101',
  execUser: '0',
  stopSignal: 'SIGQUIT',
  runs: LAB_NGINX,
};

const shell = (cmd: string[]): StandIn => ({ entrypoint: [], cmd, runs: LAB_SHELL });

const STAND_INS: Record<string, StandIn> = {
  nginx: NGINX,
  // The lab has no Apache; nginx answers on the same port 80.
  httpd: { ...NGINX, stopSignal: 'SIGWINCH', runs: `${LAB_NGINX} (there is no Apache httpd offline)` },
  busybox: shell(['sh']),
  alpine: shell(['/bin/sh']),
  centos: shell(['/bin/bash']),
  rockylinux: shell(['/bin/bash']),
  almalinux: shell(['/bin/bash']),
  fedora: shell(['/bin/bash']),
  ubuntu: shell(['/bin/bash']),
  debian: shell(['bash']),
  'nicolaka/netshoot': shell(['bash']),
  'curlimages/curl': { entrypoint: ['curl'], cmd: ['--help'], user: '100', execUser: '100', runs: LAB_SHELL },
  pause: { entrypoint: ['tini', '--', 'sleep', 'infinity'], cmd: [], runs: LAB_SHELL },
};

export interface ImageName {
  /** Registry host, empty for Docker Hub. */
  registry: string;
  /** Repository path without the registry, `library/` dropped (`nginx`, `curlimages/curl`). */
  repository: string;
  tag?: string;
  digest?: string;
}

const REFERENCE = /^(?:([a-zA-Z0-9.-]+(?::[0-9]+)?|localhost)\/)?([a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::([\w][\w.-]{0,127}))?(?:@(sha256:[0-9a-f]{64}))?$/;

/** Docker's reference grammar; null for what Docker would call an invalid reference format. */
export function parseImageName(ref: string): ImageName | null {
  const m = REFERENCE.exec(ref);
  if (!m) return null;
  let registry = m[1] ?? '';
  let repository = m[2]!;
  // A first component without '.' or ':' (and not localhost) is a Docker Hub path, not a registry.
  if (registry && !registry.includes('.') && !registry.includes(':') && registry !== 'localhost') {
    repository = `${registry}/${repository}`;
    registry = '';
  }
  if (registry === 'docker.io' || registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = '';
  if (registry === '' && repository.startsWith('library/')) repository = repository.slice('library/'.length);
  return { registry, repository, tag: m[3], digest: m[4] };
}

const PAUSE_REGISTRIES = new Set(['registry.k8s.io', 'k8s.gcr.io', 'gcr.io']);

export function standInFor(ref: string): StandIn | null {
  const name = parseImageName(ref);
  if (!name) return null;
  if (name.repository === 'pause' || name.repository === 'google_containers/pause') {
    return PAUSE_REGISTRIES.has(name.registry) ? STAND_INS.pause! : null;
  }
  if (name.registry !== '') return null;
  return STAND_INS[name.repository] ?? null;
}

/** Names that have a stand-in, for messages. */
export const STAND_IN_NAMES = ['nginx', 'httpd', 'busybox', 'alpine', 'centos', 'ubuntu', 'debian'];
