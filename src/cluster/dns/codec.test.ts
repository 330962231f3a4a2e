import { describe, expect, it } from 'vitest';
import { DnsFormatError, decodeHeader, decodeMessage, encodeMessage, reencodable } from './codec';
import { RRClass, RRType, emptyMessage, type Message, type ResourceRecord } from './types';

const rr = (name: string, type: number, data: ResourceRecord['data'], ttl = 30): ResourceRecord => ({ name, type, class: RRClass.IN, ttl, data });

function sample(): Message {
  return {
    ...emptyMessage(0xbeef),
    qr: true,
    aa: true,
    rd: true,
    cd: true,
    z: true,
    questions: [{ name: 'WebUI.default.svc.cluster.local', type: RRType.A, class: RRClass.IN }],
    answers: [
      rr('WebUI.default.svc.cluster.local', RRType.A, { kind: 'address', address: '10.100.100.100' }),
      rr('v6.default.svc.cluster.local', RRType.AAAA, { kind: 'address', address: 'fd00::a' }),
      rr('alias.default.svc.cluster.local', RRType.CNAME, { kind: 'name', target: 'webui.default.svc.cluster.local' }),
      rr('_http._tcp.webui.default.svc.cluster.local', RRType.SRV, { kind: 'srv', priority: 0, weight: 100, port: 80, target: 'webui.default.svc.cluster.local' }),
      rr('dns-version.cluster.local', RRType.TXT, { kind: 'txt', texts: ['1.1.0', '', 'x'.repeat(255)] }, 28800),
      rr('100.100.100.10.in-addr.arpa', RRType.PTR, { kind: 'name', target: 'webui.default.svc.cluster.local' }),
      rr('cluster.local', RRType.MX, { kind: 'mx', preference: 10, exchange: 'mail.cluster.local' }),
      rr('odd\\.label\\000.cluster.local', RRType.HINFO, { kind: 'raw', bytes: Uint8Array.from([1, 65, 1, 66]) }),
    ],
    authority: [
      rr('cluster.local', RRType.SOA, { kind: 'soa', mname: 'ns.dns.cluster.local', rname: 'hostmaster.cluster.local', serial: 4_000_000_000, refresh: 7200, retry: 1800, expire: 86400, minimum: 30 }),
    ],
    additional: [rr('webui.default.svc.cluster.local', RRType.A, { kind: 'address', address: '10.100.100.100' })],
    edns: { udpSize: 1232, version: 0, dnssecOk: true, options: [{ code: 10, data: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]) }] },
  };
}

describe('encode and decode', () => {
  it('round-trip every record kind, the flags and EDNS', () => {
    const msg = sample();
    expect(decodeMessage(encodeMessage(msg).bytes)).toEqual(msg);
  });

  it('write the bytes RFC 1035 prescribes, compressing repeated names', () => {
    const msg: Message = {
      ...emptyMessage(0x0102),
      qr: true,
      aa: true,
      rd: true,
      questions: [{ name: 'a.b', type: RRType.A, class: RRClass.IN }],
      answers: [rr('a.b', RRType.A, { kind: 'address', address: '1.2.3.4' }, 300)],
    };
    const hex = Buffer.from(encodeMessage(msg).bytes).toString('hex');
    expect(hex).toBe(
      [
        '0102', '8500', '0001', '0001', '0000', '0000', // header: QR AA RD, one question, one answer
        '0161016200', '0001', '0001', // a.b A IN
        'c00c', '0001', '0001', '0000012c', '0004', '01020304', // pointer to offset 12, TTL 300, 1.2.3.4
      ].join(''),
    );
  });

  it('compress suffixes shared between names and never an SRV target', () => {
    const msg = sample();
    const plain = encodeMessage({ ...msg, answers: [msg.answers[3]!], authority: [], additional: [], edns: undefined }).bytes;
    // The SRV target "webui.default.svc.cluster.local" must appear spelt out although its suffix was seen.
    expect(Buffer.from(plain).includes(Buffer.from('\x05webui\x07default\x03svc\x07cluster\x05local\x00', 'latin1'))).toBe(true);
    // Everywhere else "cluster.local" is a pointer: spelt out only in the question and the SRV target.
    const full = Buffer.from(encodeMessage(msg).bytes);
    const suffix = Buffer.from('\x07cluster\x05local\x00', 'latin1');
    let count = 0;
    for (let at = full.indexOf(suffix); at >= 0; at = full.indexOf(suffix, at + 1)) count++;
    expect(count).toBe(2);
    expect(decodeMessage(full)).toEqual(msg);
  });

  it('put the extended rcode into the OPT record', () => {
    const msg = { ...emptyMessage(1), qr: true, rcode: 16, edns: { udpSize: 512, version: 0, dnssecOk: false, options: [] } };
    const bytes = encodeMessage(msg).bytes;
    expect(bytes[3]! & 0xf).toBe(0);
    expect(decodeMessage(bytes).rcode).toBe(16);
  });

  it('refuse to encode what the wire cannot carry', () => {
    expect(() => encodeMessage({ ...emptyMessage(), questions: [{ name: 'x'.repeat(64) + '.local', type: 1, class: 1 }] })).toThrow(/label of 64 bytes/);
    expect(() => encodeMessage({ ...emptyMessage(), questions: [{ name: Array(130).fill('ab').join('.'), type: 1, class: 1 }] })).toThrow(/longer than 255/);
    expect(() => encodeMessage({ ...emptyMessage(), answers: [rr('a', RRType.A, { kind: 'address', address: 'fd00::1' })] })).toThrow(/as A/);
  });

  it('keep the last OPT record, as miekg/dns does', () => {
    const bytes = Buffer.from(encodeMessage({ ...emptyMessage(7), questions: [{ name: 'a', type: 1, class: 1 }], edns: { udpSize: 4096, version: 0, dnssecOk: false, options: [] } }).bytes);
    const second = Buffer.from('0000290200000000000000', 'hex');
    const two = Buffer.concat([bytes, second]);
    two.writeUInt16BE(2, 10);
    expect(decodeMessage(two).edns?.udpSize).toBe(512);
  });
});

describe('truncation', () => {
  const many = (n: number): Message => ({
    ...emptyMessage(9),
    qr: true,
    questions: [{ name: 'big.default.svc.cluster.local', type: RRType.A, class: RRClass.IN }],
    answers: Array.from({ length: n }, (_, i) => rr('big.default.svc.cluster.local', RRType.A, { kind: 'address', address: `10.244.${i >> 8}.${i & 255}` })),
  });

  it('leaves out answers that do not fit and sets TC', () => {
    const { bytes, truncated } = encodeMessage(many(100), 512);
    expect(truncated).toBe(true);
    expect(bytes.length).toBeLessThanOrEqual(512);
    const back = decodeMessage(bytes);
    expect(back.tc).toBe(true);
    // 12 header + 35 question; each compressed A record is 16 bytes.
    expect(back.answers).toHaveLength(Math.floor((512 - 12 - 35) / 16));
  });

  it('keeps the OPT record and honours the room it takes', () => {
    const msg = { ...many(100), edns: { udpSize: 1232, version: 0, dnssecOk: false, options: [] } };
    const { bytes } = encodeMessage(msg, 1232);
    expect(bytes.length).toBeLessThanOrEqual(1232);
    const back = decodeMessage(bytes);
    expect(back.edns?.udpSize).toBe(1232);
    expect(back.answers).toHaveLength(Math.floor((1232 - 12 - 35 - 11) / 16));
  });

  it('drops additional records silently', () => {
    const msg = { ...many(10), additional: many(40).answers };
    const { bytes, truncated } = encodeMessage(msg, 512);
    const back = decodeMessage(bytes);
    expect(truncated).toBe(false);
    expect(back.tc).toBe(false);
    expect(back.answers).toHaveLength(10);
    expect(back.additional.length).toBeLessThan(40);
  });

  it('does nothing when all fits', () => {
    const { truncated, bytes } = encodeMessage(many(5), 512);
    expect(truncated).toBe(false);
    expect(decodeMessage(bytes).answers).toHaveLength(5);
  });
});

describe('malformed input', () => {
  const good = () => Buffer.from(encodeMessage(sample()).bytes);

  const cases: [string, () => Uint8Array][] = [
    ['a header cut short', () => Uint8Array.from([1, 2, 3])],
    ['a question promised but missing', () => Buffer.from('123401000001000000000000', 'hex')],
    ['a label running past the end', () => Buffer.from('123401000001000000000000' + '05616263', 'hex')],
    ['a compression pointer to itself', () => Buffer.from('123401000001000000000000' + 'c00c00010001', 'hex')],
    ['two pointers pointing at each other', () => Buffer.from('123401000001000000000000' + 'c00ec00c00010001', 'hex')],
    ['a reserved label type', () => Buffer.from('123401000001000000000000' + '4100' + '00010001', 'hex')],
    ['a name longer than 255 bytes', () => Buffer.from('123401000001000000000000' + '3f'.concat('61'.repeat(63)).repeat(5) + '00' + '00010001', 'hex')],
    ['an A record with 5 bytes of data', () => Buffer.from('123481000001000100000000' + '016100' + '00010001' + 'c00c000100010000001e0005' + '0102030405', 'hex')],
    ['record data running past the end', () => Buffer.from('123481000001000100000000' + '016100' + '00010001' + 'c00c000100010000001e0004' + '0102', 'hex')],
    ['a TXT string running past its record', () => Buffer.from('123481000001000100000000' + '016100' + '00100001' + 'c00c001000010000001e0002' + '0561', 'hex')],
    ['a CNAME whose name runs past its record', () => Buffer.from('123481000001000100000000' + '016100' + '00050001' + 'c00c000500010000001e0002' + '016200', 'hex')],
    ['an EDNS option running past the record', () => Buffer.from('123401000001000000000001' + '016100' + '00010001' + '00' + '0029100000000000' + '0004' + '000a0008', 'hex')],
  ];

  it.each(cases)('rejects %s with DnsFormatError', (_, make) => {
    expect(() => decodeMessage(make())).toThrow(DnsFormatError);
  });

  it('reports the questions read before the fault', () => {
    const bytes = Buffer.from('123401000001000100000000' + '016100' + '00010001' + 'ff', 'hex');
    try {
      decodeMessage(bytes);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DnsFormatError);
      expect((err as DnsFormatError).questions).toEqual([{ name: 'a', type: 1, class: 1 }]);
    }
  });

  it('reads the header of a packet whose body is garbage', () => {
    const h = decodeHeader(Buffer.from('abcd01000005000000000000ffff', 'hex'));
    expect(h).toMatchObject({ id: 0xabcd, rd: true, qdcount: 5 });
  });

  it('never throws anything but DnsFormatError on random or mutated packets, and re-encodes what it reads', () => {
    let seed = 42;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x80000000;
    };
    const base = good();
    let decoded = 0;
    for (let i = 0; i < 5000; i++) {
      let bytes: Uint8Array;
      if (i % 2 === 0) {
        bytes = Uint8Array.from({ length: Math.floor(rand() * 80) }, () => Math.floor(rand() * 256));
      } else {
        bytes = Uint8Array.from(base);
        for (let k = 0; k < 1 + Math.floor(rand() * 4); k++) bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256);
        if (rand() < 0.3) bytes = bytes.subarray(0, Math.floor(rand() * bytes.length));
      }
      try {
        const msg = decodeMessage(bytes);
        decoded++;
        if (reencodable(msg)) decodeMessage(encodeMessage(msg).bytes);
      } catch (err) {
        if (!(err instanceof DnsFormatError)) throw err;
      }
    }
    // The mutations must exercise both outcomes, or the test proves nothing.
    expect(decoded).toBeGreaterThan(100);
    expect(decoded).toBeLessThan(5000);
  });
});
