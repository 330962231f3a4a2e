// What the Endpoints object of a service should say (the pure half of the
// endpoints controller's syncService).
import type { EndpointAddress, EndpointPort, EndpointSubset, Pod, Service } from '../../api/types';
import { isPodReady } from '../framework/pods';
import { findPort, podAddress, shouldPodBeInEndpoints, shouldSetHostname } from './pods';
import { repackSubsets, type AddressEntry } from './repack';

export function desiredSubsets(service: Service, pods: Pod[]): EndpointSubset[] {
  const tolerateUnready = service.spec.publishNotReadyAddresses === true;
  const entries: AddressEntry[] = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, tolerateUnready)) continue;
    const ip = podAddress(pod, service);
    if (!ip) continue;
    const address: EndpointAddress = { ip, nodeName: pod.spec.nodeName ?? '', targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid } };
    if (!pod.spec.nodeName) delete address.nodeName;
    if (shouldSetHostname(pod, service)) address.hostname = pod.spec.hostname;
    const ready = tolerateUnready || isPodReady(pod);
    const ports = service.spec.ports ?? [];
    if (ports.length === 0) {
      if (service.spec.clusterIP === 'None') entries.push({ address, ready });
      continue;
    }
    for (const sp of ports) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      const ep: EndpointPort = { port, protocol: sp.protocol ?? 'TCP' };
      if (sp.name) ep.name = sp.name;
      if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
      entries.push({ address, ready, port: ep });
    }
  }
  return repackSubsets(entries);
}
