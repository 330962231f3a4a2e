// The lab's topology as data: which networks, volumes and host containers make
// up a lab, with their fixed addresses (DESIGN.md §2). Pure: the engine turns
// this plan into Docker objects, and tests read it without Docker.

export const LAB_LABEL = 'io.kubelab.lab';
export const ROLE_LABEL = 'io.kubelab.role';
export const HOST_LABEL = 'io.kubelab.host';

export type HostName = 'master' | 'node1' | 'node2' | 'station' | 'cloud';
export type HostRole = 'control-plane' | 'worker' | 'client' | 'cloud';

export const HOST_NAMES: readonly HostName[] = ['master', 'node1', 'node2', 'station', 'cloud'];

/** Numbers every part of the lab agrees on. */
export const CLUSTER = {
  hostSubnet: '10.100.0.0/24',
  hostGateway: '10.100.0.1',
  // Docker's own IPAM never hands these out: every host has a fixed address and
  // the cloud's load-balancer addresses (.240–.249) must stay free.
  hostDynamicRange: '10.100.0.208/28',
  podCIDR: '10.244.0.0/16',
  serviceCIDR: '10.96.0.0/12',
  kubernetesServiceIP: '10.96.0.1',
  dnsServiceIP: '10.96.0.10',
  clusterDomain: 'cluster.local',
  nodePortRange: '30000-32767',
  loadBalancerRange: '10.100.0.240-10.100.0.249',
  apiServerPort: 6443,
} as const;

export interface NetworkPlan {
  name: string;
  purpose: 'hosts' | 'pods' | 'access';
  subnet?: string;
  gateway?: string;
  ipRange?: string;
  /** Sealed lab networks: no masquerade, no address on the Docker host's bridge. */
  sealed: boolean;
  labels: Record<string, string>;
}

export interface VolumePlan {
  name: string;
  labels: Record<string, string>;
}

export interface Attachment {
  network: string;
  ip?: string;
}

export interface HostPlan {
  name: HostName;
  role: HostRole;
  container: string;
  hostname: string;
  ip: string;
  /** For cluster nodes: the node's pod subnet and the address the node owns in it. */
  podCIDR?: string;
  podGateway?: string;
  /** The address Docker gives the node on its pod network before the node takes the gateway. */
  podAttachIP?: string;
  attachments: Attachment[];
  mounts: string[];
  capAdd: string[];
  sysctls: Record<string, string>;
  env: Record<string, string>;
  labels: Record<string, string>;
  publish?: { containerPort: number; hostIP: string; hostPort: number };
  /** DNS servers behind Docker's embedded resolver: the cloud's, so no query leaves the lab. */
  dns: string[];
}

export interface LabPlan {
  lab: string;
  networks: NetworkPlan[];
  volumes: VolumePlan[];
  hosts: HostPlan[];
  extraHosts: string[];
}

export interface PlanOptions {
  lab?: string;
  image: string;
  /** Port on the desktop's 127.0.0.1 that reaches the API server. */
  apiPort?: number;
  /** Docker socket path as the Docker daemon sees it (mounted into kubelet hosts). */
  dockerSocket?: string;
  /** false: the hosts alone, no etcd and no Kubernetes component (to measure the foundation by itself). */
  kubernetes?: boolean;
}

const HOSTS: { name: HostName; role: HostRole; ip: string; podIndex?: number }[] = [
  { name: 'master', role: 'control-plane', ip: '10.100.0.104', podIndex: 0 },
  { name: 'node1', role: 'worker', ip: '10.100.0.101', podIndex: 1 },
  { name: 'node2', role: 'worker', ip: '10.100.0.102', podIndex: 2 },
  { name: 'station', role: 'client', ip: '10.100.0.200' },
  { name: 'cloud', role: 'cloud', ip: '10.100.0.250' },
];

export const DEFAULT_API_PORT = 16443;

export function hostAddress(name: HostName): string {
  return HOSTS.find((h) => h.name === name)!.ip;
}

/** The lab's plan. Every object is named `<lab>-…` and labelled so the engine can find it again. */
export function planLab(options: PlanOptions): LabPlan {
  const lab = options.lab ?? 'kubelab';
  const labLabels = (role: string, extra: Record<string, string> = {}) => ({ [LAB_LABEL]: lab, [ROLE_LABEL]: role, ...extra });
  const hostsNetwork = `${lab}-hosts`;
  const accessNetwork = `${lab}-access`;

  const networks: NetworkPlan[] = [
    {
      name: hostsNetwork,
      purpose: 'hosts',
      subnet: CLUSTER.hostSubnet,
      gateway: CLUSTER.hostGateway,
      ipRange: CLUSTER.hostDynamicRange,
      sealed: true,
      labels: labLabels('network'),
    },
  ];
  const nodes = HOSTS.filter((h) => h.podIndex !== undefined);
  for (const node of nodes) {
    const base = `10.244.${node.podIndex}`;
    networks.push({
      name: `${lab}-pods-${node.name}`,
      purpose: 'pods',
      subnet: `${base}.0/24`,
      gateway: `${base}.1`,
      // Pod addresses are chosen by the kubelet; Docker's own picks stay out of its way.
      ipRange: `${base}.240/28`,
      sealed: true,
      labels: labLabels('network', { [HOST_LABEL]: node.name }),
    });
  }
  // A plain Docker network that exists only to publish the API server on the
  // desktop's 127.0.0.1; the lab networks stay sealed.
  networks.push({ name: accessNetwork, purpose: 'access', sealed: false, labels: labLabels('network') });

  const extraHosts = HOSTS.map((h) => `${h.name}:${h.ip}`);
  const volumes: VolumePlan[] = [{ name: `${lab}-etcd`, labels: labLabels('volume', { [HOST_LABEL]: 'master' }) }];
  const socket = options.dockerSocket ?? '/var/run/docker.sock';

  const hosts: HostPlan[] = HOSTS.map((h) => {
    const plan: HostPlan = {
      name: h.name,
      role: h.role,
      container: `${lab}-${h.name}`,
      hostname: h.name,
      ip: h.ip,
      attachments: [{ network: hostsNetwork, ip: h.ip }],
      dns: [hostAddress('cloud')],
      mounts: [],
      capAdd: [],
      sysctls: {},
      env: {
        KUBELAB_LAB: lab,
        KUBELAB_HOST: h.name,
        KUBELAB_ROLE: h.role,
        KUBELAB_HOST_IP: h.ip,
        KUBELAB_IMAGE: options.image,
        KUBELAB_HOSTS: HOSTS.map((x) => `${x.name}=${x.ip}`).join(','),
        KUBELAB_API_SERVER: `http://${hostAddress('master')}:${CLUSTER.apiServerPort}`,
        KUBELAB_CLUSTER_CIDR: CLUSTER.podCIDR,
        KUBELAB_SERVICE_CIDR: CLUSTER.serviceCIDR,
        KUBELAB_DNS_IP: CLUSTER.dnsServiceIP,
        KUBELAB_CLUSTER_DOMAIN: CLUSTER.clusterDomain,
        ...(options.kubernetes === false ? { KUBELAB_KUBERNETES: 'off' } : {}),
      },
      labels: labLabels('host', { [HOST_LABEL]: h.name }),
    };
    if (h.podIndex !== undefined) {
      const base = `10.244.${h.podIndex}`;
      plan.podCIDR = `${base}.0/24`;
      plan.podGateway = `${base}.1`;
      plan.podAttachIP = `${base}.254`;
      plan.attachments.push({ network: `${lab}-pods-${h.name}`, ip: plan.podAttachIP });
      plan.capAdd.push('NET_ADMIN');
      plan.sysctls['net.ipv4.ip_forward'] = '1';
      // Replies of DNATed traffic may leave by another interface than requests came in.
      plan.sysctls['net.ipv4.conf.all.rp_filter'] = '0';
      plan.mounts.push(`${socket}:/var/run/docker.sock`, `${lab}-${h.name}-kubelet:/var/lib/kubelet`);
      volumes.push({ name: `${lab}-${h.name}-kubelet`, labels: labLabels('volume', { [HOST_LABEL]: h.name }) });
      plan.env.KUBELAB_POD_CIDR = plan.podCIDR;
      plan.env.KUBELAB_POD_GATEWAY = plan.podGateway;
      plan.env.KUBELAB_POD_NETWORK = `${lab}-pods-${h.name}`;
      plan.env.KUBELAB_NODE_ROUTES = HOSTS.filter((o) => o.podIndex !== undefined && o.name !== h.name)
        .map((o) => `10.244.${o.podIndex}.0/24=${o.ip}`)
        .join(',');
    }
    if (h.name === 'master') {
      plan.mounts.push(`${lab}-etcd:/var/lib/etcd`);
      plan.attachments.push({ network: accessNetwork });
      plan.publish = { containerPort: CLUSTER.apiServerPort, hostIP: '127.0.0.1', hostPort: options.apiPort ?? DEFAULT_API_PORT };
    }
    if (h.name === 'cloud') {
      // The cloud adds load-balancer addresses to its interface.
      plan.capAdd.push('NET_ADMIN');
      plan.env.KUBELAB_LB_RANGE = CLUSTER.loadBalancerRange;
    }
    return plan;
  });

  return { lab, networks, volumes, hosts, extraHosts };
}
