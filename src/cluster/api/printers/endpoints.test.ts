// printers_test.go TestPrintEndpoint and TestPrintEndpointSlice.

import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Endpoints } from '../types';
import { endpointSlicePrinter } from './endpointslice';
import { endpointsPrinter } from './endpoints';

const now = new Date('2025-01-01T12:00:00Z');
const soon = new Date(now.getTime() + 1900).toISOString();
const ep = (subsets: Endpoints['subsets']): Endpoints => ({ metadata: { name: 'endpoint1', creationTimestamp: soon }, subsets });
const cells = (e: Endpoints) => endpointsPrinter.print(e, { wide: true, now }).cells;

describe('printEndpoints (TestPrintEndpoint)', () => {
  it.each([
    ['no subsets', undefined, '<none>'],
    ['addresses without ports', [{ addresses: [{ ip: '1.2.3.4' }, { ip: '5.6.7.8' }] }], '1.2.3.4,5.6.7.8'],
    ['one address and port', [{ addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 8001, protocol: 'TCP' }] }], '1.2.3.4:8001'],
    [
      'multiple addresses',
      [{ addresses: [{ ip: '1.2.3.4' }, { ip: '5.6.7.8' }], ports: [{ port: 8001, protocol: 'TCP' }] }],
      '1.2.3.4:8001,5.6.7.8:8001',
    ],
    [
      'more than three',
      [{ addresses: [{ ip: '1.2.3.4' }, { ip: '5.6.7.8' }], ports: [{ port: 8001, protocol: 'TCP' }, { port: 8002, protocol: 'TCP' }, { port: 8003, protocol: 'TCP' }] }],
      '1.2.3.4:8001,5.6.7.8:8001,1.2.3.4:8002 + 3 more...',
    ],
    [
      'across subsets',
      [
        { addresses: [{ ip: '10.244.1.5' }, { ip: '10.244.2.6' }], ports: [{ port: 80 }] },
        { addresses: [{ ip: '10.244.1.9' }, { ip: '10.244.2.9' }], ports: [{ port: 81 }] },
      ],
      '10.244.1.5:80,10.244.2.6:80,10.244.1.9:81 + 1 more...',
    ],
    [
      'headless, more than three',
      [{ addresses: [{ ip: '10.244.1.2' }, { ip: '10.244.1.3' }, { ip: '10.244.2.2' }, { ip: '10.244.2.3' }, { ip: '10.244.2.4' }] }],
      '10.244.1.2,10.244.1.3,10.244.2.2 + 2 more...',
    ],
    ['only not-ready addresses', [{ notReadyAddresses: [{ ip: '10.244.1.5' }], ports: [{ port: 80 }] }], ''],
    ['IPv6 is bracketed', [{ addresses: [{ ip: 'fd00::5' }], ports: [{ port: 80 }] }], '[fd00::5]:80'],
  ] as [string, Endpoints['subsets'], string][])('%s', (_name, subsets, text) => {
    expect(cells(ep(subsets))).toEqual(['endpoint1', text, '0s']);
  });
});

describe('printEndpointSlice (TestPrintEndpointSlice)', () => {
  const slice = (name: string, addressType: EndpointSlice['addressType'], ports: EndpointSlice['ports'], endpoints: EndpointSlice['endpoints']): EndpointSlice => ({
    metadata: { name, creationTimestamp: soon },
    addressType,
    ports,
    endpoints,
  });
  const print = (s: EndpointSlice) => endpointSlicePrinter.print(s, { wide: true, now }).cells;

  it('one port, two addresses', () => {
    const s = slice('abcslice.123', 'IPv4', [{ name: 'http', port: 80, protocol: 'TCP' }], [{ addresses: ['10.1.2.3', '2001:db8::1234:5678'] }]);
    expect(print(s)).toEqual(['abcslice.123', 'IPv4', '80', '10.1.2.3,2001:db8::1234:5678', '0s']);
  });

  it('addresses past three are counted', () => {
    const s = slice('longerslicename.123', 'IPv6', [{ name: 'http', port: 80 }, { name: 'https', port: 443 }], [
      { addresses: ['10.1.2.3', '2001:db8::1234:5678'] },
      { addresses: ['10.2.3.4', '2001:db8::2345:6789'] },
    ]);
    expect(print(s)).toEqual(['longerslicename.123', 'IPv6', '80,443', '10.1.2.3,2001:db8::1234:5678,10.2.3.4 + 1 more...', '0s']);
  });

  it('ports past three are counted', () => {
    const s = slice('multiportslice.123', 'IPv4', [
      { name: 'http', port: 80 },
      { name: 'https', port: 443 },
      { name: 'extra1', port: 3000 },
      { name: 'extra2', port: 3001 },
    ], [{ addresses: ['10.1.2.3', '10.8.9.2'] }, { addresses: ['10.2.3.4'] }]);
    expect(print(s)).toEqual(['multiportslice.123', 'IPv4', '80,443,3000 + 1 more...', '10.1.2.3,10.8.9.2,10.2.3.4', '0s']);
  });

  it('empty slices print <unset>; a port without a number prints its name or *', () => {
    expect(print(slice('empty', 'IPv4', null, null)).slice(2, 4)).toEqual(['<unset>', '<unset>']);
    expect(print(slice('all', 'IPv4', [{ name: 'web', port: null }, { port: null }], [])).slice(2, 4)).toEqual(['web,*', '<unset>']);
  });
});
