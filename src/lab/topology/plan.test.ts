import { describe, expect, it } from 'vitest';
import { CLUSTER, HOST_NAMES, planLab } from './plan';

const plan = planLab({ image: 'kubelab/lab:test' });

function ipToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}
function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const mask = bits === '0' ? 0 : (0xffffffff << (32 - Number(bits))) >>> 0;
  return ((ipToInt(ip) & mask) >>> 0) === ((ipToInt(base!) & mask) >>> 0);
}

describe('planLab', () => {
  it('has the five hosts of the lesson at their fixed addresses', () => {
    expect(plan.hosts.map((h) => [h.name, h.ip])).toEqual([
      ['master', '10.100.0.104'],
      ['node1', '10.100.0.101'],
      ['node2', '10.100.0.102'],
      ['station', '10.100.0.200'],
      ['cloud', '10.100.0.250'],
    ]);
    expect(plan.hosts.map((h) => h.name)).toEqual(HOST_NAMES);
  });

  it('tells the hosts to leave Kubernetes out only when asked', () => {
    for (const h of plan.hosts) expect(h.env.KUBELAB_KUBERNETES).toBeUndefined();
    for (const h of planLab({ image: 'kubelab/lab:test', kubernetes: false }).hosts) expect(h.env.KUBELAB_KUBERNETES).toBe('off');
  });

  it('names and labels everything after the lab', () => {
    const names = [...plan.networks.map((n) => n.name), ...plan.volumes.map((v) => v.name), ...plan.hosts.map((h) => h.container)];
    for (const name of names) expect(name).toMatch(/^kubelab-/);
    for (const obj of [...plan.networks, ...plan.volumes, ...plan.hosts]) expect(obj.labels['io.kubelab.lab']).toBe('kubelab');
    const other = planLab({ image: 'x', lab: 'kubelab-test' });
    expect(other.hosts[0]!.container).toBe('kubelab-test-master');
  });

  it('gives each cluster node its own pod /24 and a gateway it owns', () => {
    const nodes = plan.hosts.filter((h) => h.podCIDR);
    expect(nodes.map((n) => [n.name, n.podCIDR, n.podGateway])).toEqual([
      ['master', '10.244.0.0/24', '10.244.0.1'],
      ['node1', '10.244.1.0/24', '10.244.1.1'],
      ['node2', '10.244.2.0/24', '10.244.2.1'],
    ]);
    for (const node of nodes) {
      expect(inCidr(node.podCIDR!.split('/')[0]!, CLUSTER.podCIDR)).toBe(true);
      expect(node.capAdd).toContain('NET_ADMIN');
      expect(node.sysctls['net.ipv4.ip_forward']).toBe('1');
      expect(node.mounts.some((m) => m.endsWith(':/var/run/docker.sock'))).toBe(true);
    }
    expect(plan.hosts.find((h) => h.name === 'node1')!.env.KUBELAB_NODE_ROUTES).toBe('10.244.0.0/24=10.100.0.104,10.244.2.0/24=10.100.0.102');
  });

  it('keeps clients and the cloud away from the Docker socket and pod networks', () => {
    for (const name of ['station', 'cloud']) {
      const host = plan.hosts.find((h) => h.name === name)!;
      expect(host.mounts).toEqual([]);
      expect(host.attachments.map((a) => a.network)).toEqual(['kubelab-hosts']);
    }
  });

  it('seals the lab networks and keeps Docker IPAM off fixed and load-balancer addresses', () => {
    for (const net of plan.networks.filter((n) => n.purpose !== 'access')) expect(net.sealed).toBe(true);
    const hostsNet = plan.networks.find((n) => n.purpose === 'hosts')!;
    for (const host of plan.hosts) expect(inCidr(host.ip, hostsNet.ipRange!)).toBe(false);
    for (let last = 240; last <= 249; last++) expect(inCidr(`10.100.0.${last}`, hostsNet.ipRange!)).toBe(false);
  });

  it('publishes the API server only on the loopback address, from master', () => {
    const published = plan.hosts.filter((h) => h.publish);
    expect(published.map((h) => h.name)).toEqual(['master']);
    expect(published[0]!.publish).toEqual({ containerPort: 6443, hostIP: '127.0.0.1', hostPort: 16443 });
  });

  it('names every host in /etc/hosts', () => {
    expect(plan.extraHosts).toEqual(['master:10.100.0.104', 'node1:10.100.0.101', 'node2:10.100.0.102', 'station:10.100.0.200', 'cloud:10.100.0.250']);
  });
});
