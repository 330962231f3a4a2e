// printEvent: LAST SEEN TYPE REASON OBJECT MESSAGE, and in wide output the
// subobject, source, first seen, count and name. Events written through
// events.k8s.io carry eventTime/series instead of the old timestamps.

import type { Event } from '../types';
import { column, type Printer } from './columns';
import { eventDoc, objectMetaDoc } from './descriptions';
import { parseTime, translateTimestampSince } from './time';

// formatEventSource: component (or reporting controller), then ", host" (or instance).
function eventSource(ev: Event): string {
  const component = ev.source?.component || ev.reportingComponent || '';
  const instance = ev.source?.host || ev.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

export const eventPrinter: Printer<Event> = {
  columns: [
    column('Last Seen', 'string', eventDoc.lastTimestamp),
    column('Type', 'string', eventDoc.type),
    column('Reason', 'string', eventDoc.reason),
    column('Object', 'string', eventDoc.involvedObject),
    column('Subobject', 'string', eventDoc.fieldPath, 1),
    column('Source', 'string', eventDoc.source, 1),
    column('Message', 'string', eventDoc.message),
    column('First Seen', 'string', eventDoc.firstTimestamp, 1),
    column('Count', 'string', eventDoc.count, 1),
    column('Name', 'string', objectMetaDoc.name, 1, 'name'),
  ],

  print(ev, { wide, now }) {
    const firstTimestamp =
      parseTime(ev.firstTimestamp) === undefined
        ? translateTimestampSince(ev.eventTime, now)
        : translateTimestampSince(ev.firstTimestamp, now);
    let lastTimestamp =
      parseTime(ev.lastTimestamp) === undefined ? firstTimestamp : translateTimestampSince(ev.lastTimestamp, now);
    let count = ev.count ?? 0;
    if (ev.series) {
      lastTimestamp = translateTimestampSince(ev.series.lastObservedTime, now);
      count = ev.series.count ?? 0;
    } else if (count === 0) {
      // Singleton events have no count in the new API.
      count = 1;
    }
    const ref = ev.involvedObject ?? {};
    const kind = (ref.kind ?? '').toLowerCase();
    const target = ref.name ? `${kind}/${ref.name}` : kind;
    const message = (ev.message ?? '').trim();
    const cells: unknown[] = wide
      ? [lastTimestamp, ev.type ?? '', ev.reason ?? '', target, ref.fieldPath ?? '', eventSource(ev), message, firstTimestamp, count, ev.metadata?.name ?? '']
      : [lastTimestamp, ev.type ?? '', ev.reason ?? '', target, message];
    return { cells };
  },
};
