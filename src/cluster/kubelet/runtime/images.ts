// Which image a container runs, decided from what Docker has (DESIGN.md §3):
// the manifest's image when Docker has it; otherwise the lab image standing in
// for a well-known name, with an Event saying so; otherwise the failure the
// kubelet reports (ErrImagePull, then ImagePullBackOff). Pure: the caller
// inspects (and, where allowed, pulls) and passes what it found.
import type { Container } from '../../api/types';
import type { ImageInspect } from '../../docker/types';
import type { ImageCommand } from './env';
import { parseImageName, standInFor, STAND_IN_NAMES } from './stand-ins';

export interface KubeletEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export interface ImageFacts {
  /** Docker's inspect of the manifest's image; null when Docker does not have it. */
  local: ImageInspect | null;
  /** The lab image's inspect (for stand-ins and their imageID). */
  labImage: ImageInspect & { ref: string };
  /** Set once a pull was tried: null for success, else the error text. */
  pullError?: string | null;
  /** Whether the kubelet may ask Docker to pull at all (false in the sealed lab). */
  allowPull?: boolean;
}

export interface ImageToRun {
  action: 'run';
  /** What Docker creates the container from. */
  image: string;
  /** ContainerStatus.imageID. */
  imageID: string;
  command: ImageCommand;
  /** Process user override (stand-ins); undefined keeps the image's USER. */
  user?: string;
  /** The user `kubectl exec` runs as; undefined keeps the image's USER. */
  execUser?: string;
  stopSignal?: string;
  source: 'local' | 'stand-in';
  events: KubeletEvent[];
}

export interface ImageFailure {
  action: 'fail';
  /** ContainerStateWaiting.reason. */
  reason: 'ErrImagePull' | 'ErrImageNeverPull' | 'InvalidImageName';
  /** ContainerStateWaiting.message. */
  message: string;
  events: KubeletEvent[];
}

export type ImagePlan = ImageToRun | ImageFailure | { action: 'pull'; events: KubeletEvent[] };

/** The API server's default: Always for `:latest` or no tag, IfNotPresent otherwise. */
export function pullPolicy(container: Container): 'Always' | 'IfNotPresent' | 'Never' {
  const set = container.imagePullPolicy;
  if (set === 'Always' || set === 'IfNotPresent' || set === 'Never') return set;
  const name = parseImageName(container.image ?? '');
  if (name?.digest) return 'IfNotPresent';
  return !name?.tag || name.tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/** `docker-pullable://repo@sha256:…` when Docker knows a digest, `docker://sha256:…` otherwise (as cri-dockerd). */
export function imageIDOf(inspect: ImageInspect): string {
  const digest = inspect.RepoDigests?.find((d) => d.includes('@'));
  return digest ? `docker-pullable://${digest}` : `docker://${inspect.Id}`;
}

const pulling = (image: string): KubeletEvent => ({ type: 'Normal', reason: 'Pulling', message: `Pulling image "${image}"` });

function commandOf(inspect: ImageInspect): ImageCommand {
  return { entrypoint: inspect.Config?.Entrypoint ?? [], cmd: inspect.Config?.Cmd ?? [] };
}

const failed = (image: string, reason: ImageFailure['reason'], message: string, eventMessage = `Failed to pull image "${image}": ${message}`): ImageFailure => ({
  action: 'fail',
  reason,
  message,
  events: [
    { type: 'Warning', reason: 'Failed', message: eventMessage },
    { type: 'Warning', reason: 'Failed', message: `Error: ${reason}` },
  ],
});

export function planImage(container: Container, facts: ImageFacts): ImagePlan {
  const image = container.image ?? '';
  if (!parseImageName(image)) {
    const message = `Failed to apply default image tag "${image}": couldn't parse image name "${image}": invalid reference format`;
    return { action: 'fail', reason: 'InvalidImageName', message, events: [{ type: 'Warning', reason: 'InspectFailed', message }, { type: 'Warning', reason: 'Failed', message: 'Error: InvalidImageName' }] };
  }
  const policy = pullPolicy(container);
  const local = facts.local;
  const mayPull = facts.allowPull === true && facts.pullError === undefined;

  if (local) {
    if (policy === 'Always' && mayPull) return { action: 'pull', events: [pulling(image)] };
    // After a failed pull of an image Docker still has, the lab runs what it has.
    const events: KubeletEvent[] = facts.pullError === null
      ? [{ type: 'Normal', reason: 'Pulled', message: `Successfully pulled image "${image}"` }]
      : [{ type: 'Normal', reason: 'Pulled', message: `Container image "${image}" already present on machine` }];
    return { action: 'run', image, imageID: imageIDOf(local), command: commandOf(local), source: 'local', events };
  }
  if (policy !== 'Never' && mayPull) return { action: 'pull', events: [pulling(image)] };

  const standIn = standInFor(image);
  if (standIn) {
    const lab = facts.labImage;
    return {
      action: 'run',
      image: lab.ref,
      imageID: `docker://${lab.Id}`,
      command: { entrypoint: standIn.entrypoint, cmd: standIn.cmd },
      user: standIn.user,
      execUser: standIn.execUser,
      stopSignal: standIn.stopSignal,
      source: 'stand-in',
      events: [{ type: 'Normal', reason: 'Pulled', message: `${image} is not available offline; running ${standIn.runs} instead` }],
    };
  }
  if (policy === 'Never') {
    const message = `Container image "${image}" is not present with pull policy of Never`;
    return { action: 'fail', reason: 'ErrImageNeverPull', message, events: [{ type: 'Warning', reason: 'ErrImageNeverPull', message }, { type: 'Warning', reason: 'Failed', message: 'Error: ErrImageNeverPull' }] };
  }
  const why = facts.pullError
    ? facts.pullError
    : `image "${image}" is not available offline: Docker does not have it, and the lab image stands in only for ${STAND_IN_NAMES.join(', ')}`;
  return failed(image, 'ErrImagePull', why);
}

/**
 * While the kubelet waits before retrying a failed image (the same 10 s → 5 min
 * back-off as restarts), the container shows ImagePullBackOff with this message.
 */
export function imagePullBackOff(image: string, previous: ImageFailure): { reason: 'ImagePullBackOff'; message: string; events: KubeletEvent[] } {
  return {
    reason: 'ImagePullBackOff',
    message: `Back-off pulling image "${image}": ${previous.reason}: ${previous.message}`,
    events: [
      { type: 'Normal', reason: 'BackOff', message: `Back-off pulling image "${image}"` },
      { type: 'Warning', reason: 'Failed', message: 'Error: ImagePullBackOff' },
    ],
  };
}
