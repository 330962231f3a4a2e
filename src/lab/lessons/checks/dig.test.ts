import { describe, expect, it } from 'vitest';
import { parseDig } from './dig';

// As dig 9.18 (Debian bookworm, the lab image) prints them.
const CNAME = `
; <<>> DiG 9.18.49-1~deb12u1-Debian <<>> +time=1 +tries=2 externalname-svc.default.svc.cluster.local
;; global options: +cmd
;; Got answer:
;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 58699
;; flags: qr aa rd; QUERY: 1, ANSWER: 2, AUTHORITY: 0, ADDITIONAL: 1

;; OPT PSEUDOSECTION:
; EDNS: version: 0, flags:; udp: 1232
;; QUESTION SECTION:
;externalname-svc.default.svc.cluster.local. IN A

;; ANSWER SECTION:
externalname-svc.default.svc.cluster.local. 30 IN CNAME web.cloud.test.
web.cloud.test.		0	IN	A	10.100.0.250

;; Query time: 3 msec
;; SERVER: 10.96.0.10#53(10.96.0.10) (UDP)
`;

const NXDOMAIN = `
; <<>> DiG 9.18.49-1~deb12u1-Debian <<>> +time=1 +tries=2 externalname-svs.default.svc.cluster.local
;; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 20230
;; flags: qr aa rd; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 1

;; AUTHORITY SECTION:
cluster.local.		30	IN	SOA	ns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 30
`;

const NO_SERVER = `
; <<>> DiG 9.18.49-1~deb12u1-Debian <<>> +time=1 +tries=1 @10.96.0.10 x.y
; (1 server found)
;; global options: +cmd
;; no servers could be reached
`;

describe('parseDig', () => {
  it('reads the status and every answer record, not the authority section', () => {
    expect(parseDig(CNAME)).toEqual({
      status: 'NOERROR',
      answers: [
        { name: 'externalname-svc.default.svc.cluster.local.', ttl: 30, type: 'CNAME', data: 'web.cloud.test.' },
        { name: 'web.cloud.test.', ttl: 0, type: 'A', data: '10.100.0.250' },
      ],
    });
    expect(parseDig(NXDOMAIN)).toEqual({ status: 'NXDOMAIN', answers: [] });
  });

  it('has no status when no server answered', () => {
    expect(parseDig(NO_SERVER)).toEqual({ status: undefined, answers: [] });
  });
});
