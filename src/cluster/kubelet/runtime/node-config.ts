// What the runtime layer needs to know about the node it runs pods on (from the
// kubelet's flags and the node container's own mounts).
import type { NodeRef } from './labels';

export interface PodSecurity {
  capDrop: string[];
  capAdd: string[];
  /** Docker SecurityOpt, e.g. no-new-privileges. */
  securityOpt: string[];
}

/**
 * Pods run with no capabilities and cannot gain any (DESIGN.md §2: pods need
 * none for networking; they never get the Docker socket either).
 */
export const NO_CAPABILITIES: PodSecurity = { capDrop: ['ALL'], capAdd: [], securityOpt: ['no-new-privileges'] };

/**
 * What a container gets on a real node (containerd's default set). Kept here
 * for comparison: with it, root in `kubectl exec` may edit files other users
 * own and `ping` works, as on a real cluster.
 */
export const KUBERNETES_DEFAULT_CAPABILITIES: PodSecurity = {
  capDrop: ['ALL'],
  capAdd: ['CHOWN', 'DAC_OVERRIDE', 'FSETID', 'FOWNER', 'MKNOD', 'NET_RAW', 'SETGID', 'SETUID', 'SETFCAP', 'SETPCAP', 'NET_BIND_SERVICE', 'SYS_CHROOT', 'KILL', 'AUDIT_WRITE'],
  securityOpt: [],
};

export interface NodeRuntimeConfig extends NodeRef {
  /** The lab image's reference (sandboxes and stand-ins run it). */
  labImage: string;
  /** The node's pod network (`kubelab-pods-node1`). */
  podNetwork: string;
  podCIDR: string;
  hostIP: string;
  clusterDNS: string[];
  clusterDomain: string;
  /** The kubelet's directory inside the node, and the same directory as the Docker daemon sees it. */
  kubeletDir: string;
  kubeletDirOnDaemon: string;
  security?: PodSecurity;
}
