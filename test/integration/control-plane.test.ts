// Issue "Control plane": what a learner types in master's terminal with the
// real kubectl, answered by our API server, controllers, scheduler and kubelets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labDown } from '../../src/lab/lab/stop';
import { desktopKubectl, eventually, kubectl, pods, runningPods } from './kubectl';
import { docker, exec, lab, up } from './lab';

describe('the control plane, driven by the real kubectl', () => {
  beforeAll(async () => {
    await labDown(docker, lab, () => {});
    await up();
  });
  afterAll(async () => {
    await labDown(docker, lab, () => {});
  });

  it('has three Ready nodes, master tainted for the control plane', async () => {
    const r = await kubectl('get nodes');
    expect(r.code, r.err).toBe(0);
    const rows = r.out.trim().split('\n').slice(1).map((l) => l.split(/\s+/));
    expect(rows.map((c) => [c[0], c[1], c[2]])).toEqual([
      ['master', 'Ready', 'control-plane'],
      ['node1', 'Ready', '<none>'],
      ['node2', 'Ready', '<none>'],
    ]);
  });

  it('shows the kubeadm-style system pods running', async () => {
    const r = await kubectl('get pods -n kube-system --no-headers');
    const names = r.out.split('\n').filter(Boolean).map((l) => l.split(/\s+/)[0]);
    for (const name of ['etcd-master', 'kube-apiserver-master', 'kube-controller-manager-master', 'kube-scheduler-master']) expect(names).toContain(name);
    expect(names.filter((n) => n!.startsWith('kube-proxy-'))).toHaveLength(3);
    expect(names.filter((n) => n!.startsWith('coredns-'))).toHaveLength(2);
  });

  it('runs the webui deployment as three pods spread over the workers', async () => {
    const r = await kubectl('create -f deploy-nginx.yaml');
    expect(r.out.trim()).toBe('deployment.apps/webui created');
    const rows = await runningPods('app=webui', 3);
    for (const p of rows) expect(p.ip).toMatch(/^10\.244\.[12]\.\d+$/);
    expect(new Set(rows.map((p) => p.node))).toEqual(new Set(['node1', 'node2']));
  });

  it('gives the ClusterIP service the lesson address and the three pods as endpoints', async () => {
    expect((await kubectl('create -f clusterip-nginx.yaml')).out.trim()).toBe('service/clusterip-service created');
    const svc = await kubectl('get service clusterip-service --no-headers');
    expect(svc.out.split(/\s+/).slice(0, 5)).toEqual(['clusterip-service', 'ClusterIP', '10.100.100.100', '<none>', '80/TCP']);
    const ips = (await pods('app=webui')).map((p) => `${p.ip}:80`).sort();
    const described = await eventually(async () => {
      const d = await kubectl('describe svc clusterip-service');
      const line = d.out.split('\n').find((l) => l.startsWith('Endpoints:'));
      return line && ips.every((ip) => line.includes(ip)) ? d.out : undefined;
    });
    expect(described).toContain('IP:                       10.100.100.100');
  });

  it('suggests the right command for the lesson typo', async () => {
    const r = await kubectl('descrive svc clusterip-service');
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('unknown command "descrive" for "kubectl"');
    expect(r.err).toContain('Did you mean this?\n\tdescribe');
  });

  it('execs into a pod, where an edited page changes only that pod', async () => {
    const [first, second] = await pods('app=webui');
    const edit = await kubectl(`exec ${first!.name} -- bash -c 'echo "hello from ${first!.name}" > /usr/share/nginx/html/index.html'`);
    expect(edit.code, edit.err).toBe(0);
    expect((await exec('node1', ['curl', '-s', first!.ip])).stdout.trim()).toBe(`hello from ${first!.name}`);
    expect((await exec('node1', ['curl', '-s', second!.ip])).stdout).toContain('Welcome to nginx!');
    const code = await kubectl(`exec ${first!.name} -- bash -c 'exit 3'`);
    expect(code.code).toBe(3);
  });

  it('runs a throwaway pod with kubectl run --rm and cleans it up', async () => {
    const r = await kubectl(`run testpod --image=centos:7 -i --rm --restart=Never -- bash -c 'echo inside $(hostname)'`);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('inside testpod');
    await eventually(async () => (await kubectl('get pod testpod')).code !== 0);
  });

  it('shows the logs of a pod', async () => {
    const [p] = await pods('app=webui');
    await exec('node2', ['curl', '-s', '-o', '/dev/null', p!.ip]);
    const logs = await eventually(async () => {
      const r = await kubectl(`logs ${p!.name}`);
      return r.out.includes('"GET / HTTP/1.1" 200') ? r.out : undefined;
    });
    expect(logs).toContain('curl/');
  });

  it('scales the deployment and replaces a deleted pod', async () => {
    expect((await kubectl('scale deploy webui --replicas=5')).out.trim()).toBe('deployment.apps/webui scaled');
    await runningPods('app=webui', 5);
    expect((await kubectl('scale deploy webui --replicas=3')).code).toBe(0);
    const before = await runningPods('app=webui', 3);
    const victim = before[0]!.name;
    expect((await kubectl(`delete pod ${victim}`)).out.trim()).toBe(`pod "${victim}" deleted from default namespace`);
    const after = await runningPods('app=webui', 3);
    expect(after.map((p) => p.name)).not.toContain(victim);
  });

  it('applies a manifest twice without errors and edits through a patch', async () => {
    const first = await kubectl('apply -f deploy-nginx.yaml');
    expect(first.code, first.err).toBe(0);
    const second = await kubectl('apply -f deploy-nginx.yaml');
    expect(second.out.trim()).toBe('deployment.apps/webui unchanged');
    const patched = await kubectl(`patch deploy webui -p '{"metadata":{"labels":{"edited":"yes"}}}'`);
    expect(patched.out.trim()).toBe('deployment.apps/webui patched');
  });

  it('answers bad manifests as kube-apiserver does', async () => {
    const unknownKind = await kubectl('create -f -', { input: 'apiVersion: v1\nkind: Widget\nmetadata:\n  name: w\n' });
    expect(unknownKind.err).toContain('no matches for kind "Widget" in version "v1"');
    expect(unknownKind.err).toContain('ensure CRDs are installed first');
    const noSelector = await kubectl('create -f -', {
      input: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bad\nspec:\n  template:\n    metadata:\n      labels: {app: x}\n    spec:\n      containers: [{name: c, image: nginx}]\n',
    });
    expect(noSelector.err).toContain('The Deployment "bad" is invalid');
    expect(noSelector.err).toContain('spec.selector: Required value');
    const outOfRange = await kubectl('create -f -', {
      input: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: far\nspec:\n  clusterIP: 192.168.1.1\n  ports: [{port: 80}]\n',
    });
    expect(outOfRange.err).toContain('the provided IP (192.168.1.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12');
    const taken = await kubectl('create -f -', {
      input: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: twin\nspec:\n  clusterIP: 10.100.100.100\n  ports: [{port: 80}]\n',
    });
    expect(taken.err).toContain('spec.clusterIPs: Invalid value: ["10.100.100.100"]: failed to allocate IP 10.100.100.100: provided IP is already allocated');
    const np1 = await kubectl('create -f -', { input: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: np1\nspec:\n  type: NodePort\n  ports: [{port: 80, nodePort: 31555}]\n' });
    expect(np1.code, np1.err).toBe(0);
    const np2 = await kubectl('create -f -', { input: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: np2\nspec:\n  type: NodePort\n  ports: [{port: 80, nodePort: 31555}]\n' });
    expect(np2.err).toContain('spec.ports[0].nodePort: Invalid value: 31555: provided port is already allocated');
    await kubectl('delete svc np1');
  });

  it('sees the same cluster from the desktop kubectl', async () => {
    const r = await desktopKubectl(['get', 'svc', 'clusterip-service', '-o', 'jsonpath={.spec.clusterIP}']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe('10.100.100.100');
  });

  it('loses no object when the API server is killed or master restarts', async () => {
    await exec('master', ['bash', '-c', 'kill -9 $(cat /run/kubelab-kube-apiserver.pid)']);
    await eventually(async () => (await kubectl('get svc clusterip-service')).code === 0, 20_000);
    await docker.getContainer(`${lab}-master`).restart({ t: 2 });
    await up();
    expect((await kubectl('get deploy webui --no-headers')).out).toMatch(/^webui\s+3\/3/);
    expect((await kubectl('get svc clusterip-service --no-headers')).out).toContain('10.100.100.100');
  });

  it('deletes every service with --all', async () => {
    const r = await kubectl('delete service --all');
    expect(r.out).toContain('service "clusterip-service" deleted');
    expect(r.out).toContain('service "kubernetes" deleted');
    // The API server puts its own service back, as kube-apiserver does.
    await eventually(async () => (await kubectl('get svc kubernetes')).code === 0, 20_000);
  });
});
