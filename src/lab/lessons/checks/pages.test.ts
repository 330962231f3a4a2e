import { describe, expect, it } from 'vitest';
import type { PodFact } from '../facts';
import { judgePages } from './pages';
import type { PagesCheck } from './spec';

const spec: PagesCheck = { type: 'pages', from: 'master', namespace: 'default', selector: 'app=webui', port: 80 };
const pod = (name: string): PodFact => ({ namespace: 'default', name, labels: { app: 'webui' }, ip: '10.244.1.2', node: 'node1', phase: 'Running', ready: true, terminating: false });

describe('judgePages', () => {
  it('passes when every pod serves its own name', () => {
    expect(judgePages(spec, [pod('a'), pod('b')], [{ status: 200, body: 'a\n' }, { status: 200, body: 'b\n' }]).passed).toBe(true);
  });

  it('names the pods still on the default page', () => {
    expect(judgePages(spec, [pod('a'), pod('b')], [{ status: 200, body: 'a\n' }, { status: 200, body: '<h1>Welcome to nginx!</h1>' }]).reason?.en).toBe("Pods whose page does not show their own name yet: b.");
  });

  it('names pods that do not answer, and says when there are none', () => {
    expect(judgePages(spec, [pod('a')], [{ status: 0, body: '' }]).reason?.en).toBe('a did not answer a request from master.');
    expect(judgePages(spec, [], []).reason?.en).toBe('No ready pod matches app=webui.');
  });
});
