// Docker-link-style service variables (`WEBUI_SERVICE_HOST` and friends), as
// pkg/kubelet/envvars FromServices and kubelet_pods.go getServiceEnvVarMap
// build them: the default namespace's `kubernetes` service always, the pod's
// own namespace's services when enableServiceLinks is not false.
import type { Service } from '../../api/types';

const MASTER_SERVICES = new Set(['kubernetes']);

function envName(name: string): string {
  return name.replace(/-/g, '_').toUpperCase();
}

function hasClusterIP(svc: Service): boolean {
  const ip = svc.spec.clusterIP;
  return ip !== undefined && ip !== '' && ip !== 'None';
}

function hostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** FromServices for one service, in upstream's order. */
export function serviceEnvVars(svc: Service): { name: string; value: string }[] {
  const ports = svc.spec.ports ?? [];
  if (!hasClusterIP(svc) || ports.length === 0) return [];
  const ip = svc.spec.clusterIP!;
  const prefix = envName(svc.metadata.name ?? '');
  const out = [
    { name: `${prefix}_SERVICE_HOST`, value: ip },
    { name: `${prefix}_SERVICE_PORT`, value: String(ports[0]!.port) },
  ];
  for (const port of ports) {
    if (port.name) out.push({ name: `${prefix}_SERVICE_PORT_${envName(port.name)}`, value: String(port.port) });
  }
  ports.forEach((port, i) => {
    const proto = (port.protocol ?? 'TCP').toLowerCase();
    const url = `${proto}://${hostPort(ip, port.port)}`;
    if (i === 0) out.push({ name: `${prefix}_PORT`, value: url });
    const portPrefix = `${prefix}_PORT_${port.port}_${proto.toUpperCase()}`;
    out.push(
      { name: portPrefix, value: url },
      { name: `${portPrefix}_PROTO`, value: proto },
      { name: `${portPrefix}_PORT`, value: String(port.port) },
      { name: `${portPrefix}_ADDR`, value: ip },
    );
  });
  return out;
}

/**
 * The service variables a pod in `namespace` sees, from every service the
 * caller knows (any namespace). Services are taken in name order, so the
 * result is stable (upstream iterates a Go map).
 */
export function serviceEnvMap(services: readonly Service[], namespace: string, enableServiceLinks: boolean): Map<string, string> {
  const chosen = new Map<string, Service>();
  for (const svc of services) {
    if (!hasClusterIP(svc)) continue;
    const name = svc.metadata.name ?? '';
    const ns = svc.metadata.namespace ?? 'default';
    if (ns === 'default' && MASTER_SERVICES.has(name)) {
      if (!chosen.has(name)) chosen.set(name, svc);
    } else if (ns === namespace && enableServiceLinks) {
      chosen.set(name, svc);
    }
  }
  const env = new Map<string, string>();
  for (const name of [...chosen.keys()].sort()) {
    for (const v of serviceEnvVars(chosen.get(name)!)) env.set(v.name, v.value);
  }
  return env;
}
