// printers_test.go TestPrintEvent.

import { describe, expect, it } from 'vitest';
import type { Event } from '../types';
import { eventPrinter } from './event';

const now = new Date('2025-01-10T12:00:00Z');
const daysAgo = (d: number): string => new Date(now.getTime() - d * 86400_000).toISOString();

const base = (name: string, extra: Partial<Event> = {}): Event => ({
  metadata: { name },
  source: { component: 'kubelet', host: 'Node1' },
  involvedObject: { kind: 'Deployment', name: 'Deployment Name', fieldPath: 'spec.containers{foo}' },
  reason: 'Event Reason',
  message: 'Message Data',
  type: 'Normal',
  ...extra,
});

describe('printEvent (TestPrintEvent)', () => {
  it('basic event', () => {
    const ev = base('event1', { firstTimestamp: daysAgo(3), lastTimestamp: daysAgo(2), count: 6 });
    expect(eventPrinter.print(ev, { wide: false, now }).cells).toEqual(['2d', 'Normal', 'Event Reason', 'deployment/Deployment Name', 'Message Data']);
  });

  it('basic event, wide', () => {
    const ev = base('event2', { firstTimestamp: daysAgo(3), lastTimestamp: daysAgo(2), count: 6 });
    expect(eventPrinter.print(ev, { wide: true, now }).cells).toEqual([
      '2d',
      'Normal',
      'Event Reason',
      'deployment/Deployment Name',
      'spec.containers{foo}',
      'kubelet, Node1',
      'Message Data',
      '3d',
      6,
      'event2',
    ]);
  });

  it('without firstTimestamp: eventTime stands in', () => {
    const ev = base('event3', { eventTime: daysAgo(3), lastTimestamp: daysAgo(2), count: 1 });
    expect(eventPrinter.print(ev, { wide: true, now }).cells).toEqual(['2d', 'Normal', 'Event Reason', 'deployment/Deployment Name', 'spec.containers{foo}', 'kubelet, Node1', 'Message Data', '3d', 1, 'event3']);
  });

  it('without lastTimestamp: first seen stands in', () => {
    const ev = base('event4', { firstTimestamp: daysAgo(3), count: 1 });
    expect(eventPrinter.print(ev, { wide: true, now }).cells.slice(0, 1).concat(eventPrinter.print(ev, { wide: true, now }).cells.slice(7, 9))).toEqual(['3d', '3d', 1]);
  });

  it('a series from events.k8s.io: last observed time and series count', () => {
    const ev = base('event5', {
      source: undefined,
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-master',
      eventTime: daysAgo(3),
      series: { count: 2, lastObservedTime: daysAgo(2) },
    });
    const cells = eventPrinter.print(ev, { wide: true, now }).cells;
    expect([cells[0], cells[5], cells[7], cells[8]]).toEqual(['2d', 'default-scheduler, default-scheduler-master', '3d', 2]);
  });

  it('a singleton without count counts 1; no name prints the kind alone; the message is trimmed', () => {
    const ev: Event = { metadata: { name: 'e' }, involvedObject: { kind: 'Node' }, message: '  Starting kubelet.\n', reason: 'Starting', type: 'Normal', firstTimestamp: daysAgo(1), source: { component: 'kubelet' } };
    expect(eventPrinter.print(ev, { wide: true, now }).cells).toEqual(['24h', 'Normal', 'Starting', 'node', '', 'kubelet', 'Starting kubelet.', '24h', 1, 'e']);
  });
});
