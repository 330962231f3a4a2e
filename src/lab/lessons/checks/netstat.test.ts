import { describe, expect, it } from 'vitest';
import { parseNetstat } from './netstat';

// `netstat -napt` in node1, as captured from the lab (net-tools 2.10).
const NODE1 = `Active Internet connections (servers and established)
Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name
tcp        0      0 127.0.0.11:40311        0.0.0.0:*               LISTEN      -
tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      42/sshd: /usr/sbin/
tcp        0      0 0.0.0.0:30200           0.0.0.0:*               LISTEN      41/kube-proxy
tcp        0      0 10.100.0.101:37788      10.100.0.104:6443       ESTABLISHED 41/kube-proxy
tcp6       0      0 :::22                   :::*                    LISTEN      42/sshd: /usr/sbin/
`;

describe('parseNetstat', () => {
  it('reads address, port, state and program of every TCP socket', () => {
    const sockets = parseNetstat(NODE1);
    expect(sockets).toHaveLength(5);
    expect(sockets[0]).toEqual({ local: '127.0.0.11', port: 40311, state: 'LISTEN', program: undefined, pid: undefined });
    expect(sockets[2]).toEqual({ local: '0.0.0.0', port: 30200, state: 'LISTEN', program: 'kube-proxy', pid: 41 });
    expect(sockets[3]).toMatchObject({ port: 37788, state: 'ESTABLISHED' });
    expect(sockets[4]).toMatchObject({ local: '::', port: 22, program: 'sshd:' });
  });
});
