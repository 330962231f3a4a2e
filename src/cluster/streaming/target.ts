// What the kubelet tells the streaming server about a container it is asked
// to exec into, attach to or read logs of.

export interface ContainerTarget {
  /** Docker ID (or name) of the container. */
  id: string;
  /** The container's own Tty setting (attach and logs must match it). */
  tty: boolean;
  /** User for `kubectl exec` (a stand-in image's real counterpart runs as root). */
  execUser?: string;
}

/** A refusal before anything is streamed: the HTTP status and the kubelet's plain-text message. */
export interface StreamRefusal {
  status: number;
  message: string;
}

export function isRefusal(value: ContainerTarget | StreamRefusal | null): value is StreamRefusal {
  return value !== null && 'status' in value;
}
