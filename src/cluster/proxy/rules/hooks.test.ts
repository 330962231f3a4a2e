import { describe, expect, it } from 'vitest';
import { hookRules } from './hooks';

describe('hookRules', () => {
  it('lists upstream iptablesJumpChains then iptablesKubeletJumpChains, as argv', () => {
    const NEW = ['-m', 'conntrack', '--ctstate', 'NEW'];
    const c = (text: string) => ['-m', 'comment', '--comment', text];
    expect(hookRules()).toEqual([
      { table: 'filter', chain: 'INPUT', target: 'KUBE-EXTERNAL-SERVICES', args: [...NEW, ...c('kubernetes externally-visible service portals'), '-j', 'KUBE-EXTERNAL-SERVICES'] },
      { table: 'filter', chain: 'FORWARD', target: 'KUBE-EXTERNAL-SERVICES', args: [...NEW, ...c('kubernetes externally-visible service portals'), '-j', 'KUBE-EXTERNAL-SERVICES'] },
      { table: 'filter', chain: 'INPUT', target: 'KUBE-NODEPORTS', args: [...c('kubernetes health check service ports'), '-j', 'KUBE-NODEPORTS'] },
      { table: 'filter', chain: 'FORWARD', target: 'KUBE-SERVICES', args: [...NEW, ...c('kubernetes service portals'), '-j', 'KUBE-SERVICES'] },
      { table: 'filter', chain: 'OUTPUT', target: 'KUBE-SERVICES', args: [...NEW, ...c('kubernetes service portals'), '-j', 'KUBE-SERVICES'] },
      { table: 'filter', chain: 'FORWARD', target: 'KUBE-FORWARD', args: [...c('kubernetes forwarding rules'), '-j', 'KUBE-FORWARD'] },
      { table: 'filter', chain: 'INPUT', target: 'KUBE-PROXY-FIREWALL', args: [...NEW, ...c('kubernetes load balancer firewall'), '-j', 'KUBE-PROXY-FIREWALL'] },
      { table: 'filter', chain: 'OUTPUT', target: 'KUBE-PROXY-FIREWALL', args: [...NEW, ...c('kubernetes load balancer firewall'), '-j', 'KUBE-PROXY-FIREWALL'] },
      { table: 'filter', chain: 'FORWARD', target: 'KUBE-PROXY-FIREWALL', args: [...NEW, ...c('kubernetes load balancer firewall'), '-j', 'KUBE-PROXY-FIREWALL'] },
      { table: 'nat', chain: 'OUTPUT', target: 'KUBE-SERVICES', args: [...c('kubernetes service portals'), '-j', 'KUBE-SERVICES'] },
      { table: 'nat', chain: 'PREROUTING', target: 'KUBE-SERVICES', args: [...c('kubernetes service portals'), '-j', 'KUBE-SERVICES'] },
      { table: 'nat', chain: 'POSTROUTING', target: 'KUBE-POSTROUTING', args: [...c('kubernetes postrouting rules'), '-j', 'KUBE-POSTROUTING'] },
      { table: 'filter', chain: 'INPUT', target: 'KUBE-FIREWALL', args: ['-j', 'KUBE-FIREWALL'] },
      { table: 'filter', chain: 'OUTPUT', target: 'KUBE-FIREWALL', args: ['-j', 'KUBE-FIREWALL'] },
    ]);
  });

  it('hands out fresh arrays, so a caller cannot corrupt the next sync', () => {
    hookRules()[0]!.args.push('--oops');
    expect(hookRules()[0]!.args).not.toContain('--oops');
  });
});
