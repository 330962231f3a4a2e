import { describe, expect, it } from 'vitest';
import type { PodFact } from '../facts';
import { judgeProbe } from './probe';
import type { ProbeCheck } from './spec';

const pod = (name: string): PodFact => ({ namespace: 'default', name, labels: { app: 'webui' }, ip: '10.244.1.2', node: 'node1', phase: 'Running', ready: true, terminating: false });
const pods = [pod('webui-a'), pod('webui-b'), pod('webui-c')];
const spec = (expect: ProbeCheck['expect'], times = 1): ProbeCheck => ({ type: 'probe', from: { host: 'master' }, url: 'http://10.100.100.100/', times, expect });
const answers = (...bodies: string[]) => bodies.map((body) => ({ status: 200, body: `${body}\n` }));

describe('judgeProbe', () => {
  it('says nothing answered', () => {
    expect(judgeProbe(spec({ kind: 'status', status: 200 }), 'http://10.100.100.100/', 'master', [{ status: 0, body: '' }], pods).reason?.en).toBe('A request from master to http://10.100.100.100/ got no answer.');
  });

  it('checks the status code', () => {
    expect(judgeProbe(spec({ kind: 'status', status: 200 }), 'u', 'master', answers('x'), pods).passed).toBe(true);
    expect(judgeProbe(spec({ kind: 'status', status: 200 }), 'u', 'master', [{ status: 503, body: '' }], pods).reason?.en).toBe('u answered HTTP 503, not 200.');
  });

  it('looks for text in the body', () => {
    expect(judgeProbe(spec({ kind: 'body-contains', text: 'web.cloud.test' }), 'u', 'pod x', answers('<h1>web.cloud.test</h1>'), pods).passed).toBe(true);
    expect(judgeProbe(spec({ kind: 'body-contains', text: 'web.cloud.test' }), 'u', 'pod x', answers('<h1>nginx</h1>'), pods).passed).toBe(false);
  });

  it('counts distinct pods among the answers, only names of serving pods', () => {
    const three = spec({ kind: 'distinct-pods', selector: 'app=webui', count: 3 }, 6);
    expect(judgeProbe(three, 'u', 'master', answers('webui-a', 'webui-b', 'webui-a', 'webui-c'), pods).passed).toBe(true);
    expect(judgeProbe(three, 'u', 'master', answers('webui-a', 'webui-b', 'webui-a', 'webui-gone'), pods).reason?.en).toBe('4 requests were answered by 2 pod(s) (webui-a, webui-b), not 3.');
  });

  it('says when the answers are not pod names at all (pages not changed yet)', () => {
    const three = spec({ kind: 'distinct-pods', selector: 'app=webui', count: 3 }, 6);
    expect(judgeProbe(three, 'u', 'master', answers('<h1>Welcome to nginx!</h1>'), pods).reason?.en).toContain("Do the pods' pages show their own names yet?");
  });
});
