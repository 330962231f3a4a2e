// pods/binding: how the scheduler assigns a pod to a node (POST Binding).
import { statusErrors } from '../../api/errors';
import type { Pod } from '../../api/types';
import type { ServerContext } from '../context';
import { fail } from '../errors';
import { decodeRaw, readRaw } from '../handlers/decode';
import { sendJSON } from '../http/respond';
import { timestamp } from '../meta';
import type { ApiRequest } from '../request';

interface Binding {
  metadata?: { name?: string };
  target?: { kind?: string; name?: string };
}

export async function handleBinding(r: ApiRequest, ctx: ServerContext): Promise<void> {
  if (r.method !== 'POST') fail(statusErrors.methodNotSupported({ group: '', resource: 'pods/binding' }, r.method.toLowerCase()));
  // A create of the binding subresource: the body decodes as any created object does.
  const binding = (await decodeRaw(r, await readRaw(r), 'Binding', 'v1')).object as Binding;
  const node = binding.target?.name;
  if (!node) fail(statusErrors.invalid({ group: '', kind: 'Binding' }, r.name!, [{ type: 'FieldValueRequired', field: 'target.name', badValue: '', detail: '' }]));
  const now = timestamp(ctx.now());
  await ctx.store.guaranteedUpdate(r.info, r.namespace, r.name!, (current) => {
    const pod = current as Pod;
    if (pod.metadata.deletionTimestamp) fail(statusErrors.conflict({ group: '', resource: 'pods' }, r.name!, `pod ${r.name} is being deleted, cannot be assigned to a host`));
    if (pod.spec.nodeName) fail(statusErrors.conflict({ group: '', resource: 'pods' }, r.name!, `pod ${r.name} is already assigned to node "${pod.spec.nodeName}"`));
    pod.spec.nodeName = node;
    // The registry records the scheduling as a condition in the same write (setPodNodeAndMetadata).
    const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now });
    pod.status = { ...(pod.status ?? {}), conditions };
    return pod;
  });
  sendJSON(r.res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 }, r.pretty);
}
