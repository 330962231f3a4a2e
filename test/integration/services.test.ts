// Issue "Services on the wire": every Service type carries real packets,
// through our kube-proxy's iptables rules, the cloud's HAProxy and our DNS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labDown } from '../../src/lab/lab/stop';
import { eventually, kubectl, pods, runningPods } from './kubectl';
import { docker, exec, lab, up } from './lab';

/** Which pod answered each of `n` requests (each pod's page names it). */
async function spread(host: 'master' | 'node1' | 'node2' | 'station', url: string, n: number): Promise<Map<string, number>> {
  const r = await exec(host, ['bash', '-c', `for i in $(seq ${n}); do curl -s -m 2 ${url}; echo; done`], { timeoutMs: 120_000 });
  const counts = new Map<string, number>();
  for (const line of r.stdout.split('\n').filter(Boolean)) counts.set(line, (counts.get(line) ?? 0) + 1);
  return counts;
}

async function inPod(pod: string, command: string): Promise<{ code: number; out: string }> {
  const r = await kubectl(`exec ${pod} -- bash -c '${command}'`);
  return { code: r.code, out: r.out };
}

describe('Services on the wire', () => {
  let webui: string[] = [];

  beforeAll(async () => {
    await labDown(docker, lab, () => {});
    await up();
    await kubectl('create -f deploy-nginx.yaml');
    const rows = await runningPods('app=webui', 3);
    webui = rows.map((p) => p.name);
    // Each pod names itself on its page, so every answer says who answered.
    for (const p of webui) await kubectl(`exec ${p} -- bash -c 'echo ${p} > /usr/share/nginx/html/index.html'`);
    await kubectl('create -f clusterip-nginx.yaml');
  });
  afterAll(async () => {
    await labDown(docker, lab, () => {});
  });

  it('spreads ClusterIP traffic over all three pods, from every node and from a pod', async () => {
    await eventually(async () => (await exec('node1', ['curl', '-s', '-m', '1', '10.100.100.100'])).exitCode === 0);
    for (const host of ['master', 'node1', 'node2'] as const) {
      const counts = await spread(host, '10.100.100.100', 300);
      expect([...counts.keys()].sort(), host).toEqual([...webui].sort());
      for (const [pod, n] of counts) expect(n, `${host} -> ${pod}`).toBeGreaterThanOrEqual(60);
    }
    const fromPod = await inPod(webui[0]!, 'for i in $(seq 30); do curl -s -m 2 clusterip-service; done | sort -u');
    expect(fromPod.out.split('\n').filter(Boolean).sort()).toEqual([...webui].sort());
  });

  it('writes upstream kube-proxy chains into the nodes', async () => {
    const services = await exec('node1', ['iptables', '-t', 'nat', '-L', 'KUBE-SERVICES', '-n']);
    expect(services.stdout).toContain('/* default/clusterip-service cluster IP */ tcp dpt:80');
    expect(services.stdout).toMatch(/KUBE-SVC-[A-Z2-7]{16} .*10\.100\.100\.100/);
    const save = await exec('node1', ['iptables-save', '-t', 'nat']);
    const last = save.stdout.split('\n').filter((l) => l.startsWith('-A KUBE-SERVICES ')).pop();
    expect(last).toContain('--comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS');
    // The kernel keeps the probability as a 32-bit fraction: 0.3333333333 reads back as 0.33333333349.
    expect(save.stdout).toContain('-m statistic --mode random --probability 0.33333333349');
    expect(save.stdout).toContain('-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN');
  });

  it('opens NodePort 30200 on every node to the station, with kube-proxy holding the port', async () => {
    expect((await kubectl('create -f nodeport-nginx.yaml')).code).toBe(0);
    await eventually(async () => (await exec('station', ['curl', '-s', '-m', '1', '10.100.0.101:30200'])).exitCode === 0);
    for (const node of ['10.100.0.101', '10.100.0.102']) {
      const counts = await spread('station', `${node}:30200`, 30);
      expect(counts.size, node).toBeGreaterThanOrEqual(2);
    }
    const netstat = await exec('node1', ['bash', '-c', 'netstat -napt | grep 30200']);
    expect(netstat.stdout).toMatch(/0\.0\.0\.0:30200\s+0\.0\.0\.0:\*\s+LISTEN\s+\d+\/kube-proxy/);
    const direct = await exec('station', ['curl', '-s', '-m', '2', '10.100.100.100']);
    expect(direct.exitCode).not.toBe(0);
  });

  it('gives a LoadBalancer an address from the cloud within 2 s, reachable from the station', async () => {
    const started = Date.now();
    expect((await kubectl('create -f loadbalancer-nginx.yaml')).code).toBe(0);
    const ip = await eventually(async () => {
      const r = await kubectl(`get svc loadbalancer-service -o jsonpath='{.status.loadBalancer.ingress[0].ip}'`);
      return r.out.trim() || undefined;
    }, 5000, 100);
    expect(Date.now() - started).toBeLessThan(2000);
    const last = Number(ip.split('.')[3]);
    expect(ip.startsWith('10.100.0.') && last >= 240 && last <= 249).toBe(true);
    await eventually(async () => (await exec('station', ['curl', '-s', '-m', '1', ip])).exitCode === 0);
    const counts = await spread('station', ip, 60);
    expect([...counts.keys()].sort()).toEqual([...webui].sort());
    const cfg = await exec('cloud', ['cat', '/etc/haproxy/kubelab.cfg']);
    const nodePort = (await kubectl(`get svc loadbalancer-service -o jsonpath='{.spec.ports[0].nodePort}'`)).out.trim();
    expect(cfg.stdout).toContain(`10.100.0.101:${nodePort} check`);
    expect(cfg.stdout).toContain(`10.100.0.102:${nodePort} check`);
  });

  it('releases the load balancer address when the service goes', async () => {
    const ip = (await kubectl(`get svc loadbalancer-service -o jsonpath='{.status.loadBalancer.ingress[0].ip}'`)).out.trim();
    expect((await kubectl('delete svc loadbalancer-service')).code).toBe(0);
    await eventually(async () => !(await exec('cloud', ['ip', '-4', 'addr'])).stdout.includes(`${ip}/`));
  });

  it('resolves an ExternalName to the cloud site, which a pod can reach', async () => {
    expect((await kubectl('create -f externalname.yaml')).code).toBe(0);
    const page = await eventually(async () => {
      const r = await inPod(webui[0]!, 'curl -s -m 2 externalname-svc.default.svc.cluster.local');
      return r.out.includes('web.cloud.test') ? r.out : undefined;
    });
    expect(page).toContain('<h1>web.cloud.test</h1>');
    const lookup = await inPod(webui[0]!, 'nslookup externalname-svc.default.svc.cluster.local');
    expect(lookup.out).toContain('externalname-svc.default.svc.cluster.local\tcanonical name = web.cloud.test.');
  });

  it('answers a headless service with the ready pod addresses, following deletions within 2 s', async () => {
    expect((await kubectl('create -f headless-nginx.yaml')).code).toBe(0);
    const addresses = async () => {
      const r = await inPod(webui[0]!, 'dig +short headless-service.default.svc.cluster.local');
      return r.out.split('\n').filter(Boolean).sort();
    };
    const ips = (await pods('app=webui')).map((p) => p.ip).sort();
    await eventually(async () => JSON.stringify(await addresses()) === JSON.stringify(ips));
    const victim = (await pods('app=webui')).find((p) => p.name !== webui[0])!;
    await kubectl(`delete pod ${victim.name} --wait=false`);
    const started = Date.now();
    await eventually(async () => !(await addresses()).includes(victim.ip), 5000, 100);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('keeps traffic on ready pods when kube-proxy is killed and a node restarts', async () => {
    await runningPods('app=webui', 3);
    await exec('node1', ['bash', '-c', 'kill -9 $(cat /run/kubelab-kube-proxy.pid)']);
    // The rules stay in the kernel while kube-proxy is down: traffic keeps flowing.
    const during = await exec('node1', ['bash', '-c', "for i in $(seq 20); do curl -s -o /dev/null -m 2 -w '%{http_code}\\n' 10.100.100.100; done"]);
    expect(during.stdout.split('\n').filter((l) => l === '200')).toHaveLength(20);
    await docker.getContainer(`${lab}-node2`).restart({ t: 2 });
    await up();
    await runningPods('app=webui', 3, 60_000);
    // Every request answered once the rules follow the pods' new containers.
    await eventually(async () => {
      const r = await exec('master', ['bash', '-c', "for i in $(seq 30); do curl -s -o /dev/null -m 2 -w '%{http_code}\\n' 10.100.100.100; done"]);
      return r.stdout.split('\n').filter((l) => l === '200').length === 30;
    }, 30_000, 500);
  });
});
