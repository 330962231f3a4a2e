import { describe, expect, it } from 'vitest';
import type { Service } from '../../api/types';
import { containerArgv, containerEnv } from './env';
import { expand, mappingFor } from './expansion';
import { serviceEnvVars } from './service-env';
import { pod } from './test-fixtures';

const svc = (name: string, namespace: string, clusterIP: string, ports: Service['spec']['ports']): Service => ({
  metadata: { name, namespace },
  spec: { clusterIP, ports },
});

const kubernetes = svc('kubernetes', 'default', '10.96.0.1', [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }]);
const webui = svc('clusterip-service', 'default', '10.100.100.100', [{ port: 80, protocol: 'TCP', targetPort: 80 }]);

describe('service links', () => {
  it('names and orders the variables as envvars.FromServices does', () => {
    expect(serviceEnvVars(kubernetes)).toEqual([
      { name: 'KUBERNETES_SERVICE_HOST', value: '10.96.0.1' },
      { name: 'KUBERNETES_SERVICE_PORT', value: '443' },
      { name: 'KUBERNETES_SERVICE_PORT_HTTPS', value: '443' },
      { name: 'KUBERNETES_PORT', value: 'tcp://10.96.0.1:443' },
      { name: 'KUBERNETES_PORT_443_TCP', value: 'tcp://10.96.0.1:443' },
      { name: 'KUBERNETES_PORT_443_TCP_PROTO', value: 'tcp' },
      { name: 'KUBERNETES_PORT_443_TCP_PORT', value: '443' },
      { name: 'KUBERNETES_PORT_443_TCP_ADDR', value: '10.96.0.1' },
    ]);
    expect(serviceEnvVars(webui)[0]).toEqual({ name: 'CLUSTERIP_SERVICE_SERVICE_HOST', value: '10.100.100.100' });
  });

  it('skips headless and ExternalName services', () => {
    expect(serviceEnvVars(svc('db', 'default', 'None', [{ port: 5432 }]))).toEqual([]);
    expect(serviceEnvVars({ metadata: { name: 'ext' }, spec: { type: 'ExternalName', externalName: 'example.com' } })).toEqual([]);
  });

  it('gives a pod its namespace’s services and always the kubernetes service', () => {
    const other = svc('api', 'shop', '10.96.5.5', [{ port: 8080 }]);
    const names = (p: ReturnType<typeof pod>) => containerEnv(p, p.spec.containers[0]!, { services: [kubernetes, webui, other] }).map((e) => e.name);
    const inDefault = names(pod());
    expect(inDefault).toContain('CLUSTERIP_SERVICE_PORT');
    expect(inDefault).not.toContain('API_SERVICE_HOST');
    const inShop = names(pod([{}], {}, { namespace: 'shop' }));
    expect(inShop).toContain('API_SERVICE_HOST');
    expect(inShop).toContain('KUBERNETES_SERVICE_HOST');
    expect(inShop).not.toContain('CLUSTERIP_SERVICE_SERVICE_HOST');
    const noLinks = names(pod([{}], { enableServiceLinks: false }));
    expect(noLinks).toContain('KUBERNETES_SERVICE_HOST');
    expect(noLinks).not.toContain('CLUSTERIP_SERVICE_SERVICE_HOST');
  });
});

describe('$(VAR) expansion', () => {
  const m = mappingFor(new Map([['A', 'x'], ['EMPTY', '']]));
  it('follows Kubernetes’ rules for escapes and unknown names', () => {
    expect(expand('$(A)-$(A)', m)).toBe('x-x');
    expect(expand('$$(A)', m)).toBe('$(A)');
    expect(expand('$(B)', m)).toBe('$(B)');
    expect(expand('$(A', m)).toBe('$(A');
    expect(expand('cost $5 and $', m)).toBe('cost $5 and $');
    expect(expand('[$(EMPTY)]', m)).toBe('[]');
  });
});

describe('container environment', () => {
  it('expands values against earlier variables and services, declared ones first', () => {
    const p = pod([{ env: [{ name: 'LATE', value: '$(FIRST)' }, { name: 'FIRST', value: 'one' }, { name: 'URL', value: 'http://$(KUBERNETES_SERVICE_HOST):$(FIRST)' }] }]);
    const env = containerEnv(p, p.spec.containers[0]!, { services: [kubernetes] });
    expect(env.slice(0, 3)).toEqual([
      { name: 'LATE', value: '$(FIRST)' },
      { name: 'FIRST', value: 'one' },
      { name: 'URL', value: 'http://10.96.0.1:one' },
    ]);
    expect(env[3]!.name).toBe('KUBERNETES_SERVICE_HOST');
  });

  it('lets a declared variable shadow a service variable', () => {
    const p = pod([{ env: [{ name: 'KUBERNETES_SERVICE_HOST', value: 'mine' }] }]);
    const env = containerEnv(p, p.spec.containers[0]!, { services: [kubernetes] });
    expect(env.filter((e) => e.name === 'KUBERNETES_SERVICE_HOST')).toEqual([{ name: 'KUBERNETES_SERVICE_HOST', value: 'mine' }]);
  });

  it('resolves the downward API fields', () => {
    const ref = (fieldPath: string) => ({ fieldRef: { fieldPath } });
    const p = pod([{ env: [
      { name: 'POD', valueFrom: ref('metadata.name') },
      { name: 'IP', valueFrom: ref('status.podIP') },
      { name: 'NODE', valueFrom: ref('spec.nodeName') },
      { name: 'APP', valueFrom: ref("metadata.labels['app']") },
    ] }], {}, { labels: { app: 'webui' } });
    const env = containerEnv(p, p.spec.containers[0]!, { podIP: '10.244.1.2', hostIP: '10.100.0.101' });
    expect(Object.fromEntries(env.map((e) => [e.name, e.value]))).toEqual({ POD: 'webui-7d9f-abcde', IP: '10.244.1.2', NODE: 'node1', APP: 'webui' });
  });

  it('refuses sources the lab does not have', () => {
    const p = pod([{ env: [{ name: 'S', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }]);
    expect(() => containerEnv(p, p.spec.containers[0]!)).toThrow(/only valueFrom.fieldRef/);
  });
});

describe('argv', () => {
  const image = { entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'] };
  const env = [{ name: 'GREETING', value: 'hi' }];
  it('runs the image’s own process by default', () => {
    expect(containerArgv({ name: 'c' }, image, env)).toEqual(['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']);
  });
  it('replaces the cmd with args and everything with command', () => {
    expect(containerArgv({ name: 'c', args: ['echo', '$(GREETING)'] }, image, env)).toEqual(['/docker-entrypoint.sh', 'echo', 'hi']);
    expect(containerArgv({ name: 'c', command: ['sh', '-c'], args: ['echo $(GREETING) $$HOME'] }, image, env)).toEqual(['sh', '-c', 'echo hi $HOME']);
    expect(containerArgv({ name: 'c', command: ['sleep', '3600'] }, image, env)).toEqual(['sleep', '3600']);
  });
});
