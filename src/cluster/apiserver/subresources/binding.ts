// pods/binding: how the scheduler assigns a pod to a node (POST Binding).
import { statusErrors } from '../../api/errors';
import type { Pod } from '../../api/types';
import type { ServerContext } from '../context';
import { fail } from '../errors';
import { isProtobufBody, protobufValue } from '../handlers/decode';
import { readBody } from '../http/body';
import { sendJSON } from '../http/respond';
import { timestamp } from '../meta';
import type { ApiRequest } from '../request';

interface Binding {
  metadata?: { name?: string };
  target?: { kind?: string; name?: string };
}

export async function handleBinding(r: ApiRequest, ctx: ServerContext): Promise<void> {
  if (r.method !== 'POST') fail(statusErrors.methodNotSupported({ group: '', resource: 'pods/binding' }, r.method.toLowerCase()));
  let binding: Binding;
  const raw = await readBody(r.req);
  if (isProtobufBody(r)) {
    // What a Go scheduler sends (client-go asks for protobuf for built-in kinds).
    binding = protobufValue(raw, 'v1', 'Binding') as Binding;
  } else {
    try {
      binding = JSON.parse(raw.toString('utf8')) as Binding;
    } catch (err) {
      fail(statusErrors.badRequest((err as Error).message));
    }
  }
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
