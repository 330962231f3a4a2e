import { describe, expect, it } from 'vitest';
import { LabError, explainDockerError } from './errors';

describe('what Docker says, explained', () => {
  it('names the subnet another network holds, in the words of Docker 20.10 and of later engines', () => {
    for (const said of [
      '(HTTP code 500) server error - failed to allocate gateway (10.100.0.1): Address already in use',
      'Pool overlaps with other one on this address space',
    ]) {
      const e = explainDockerError(new Error(said), { subnet: '10.100.0.0/24' });
      expect(e).toBeInstanceOf(LabError);
      expect((e as LabError).code).toBe('subnet-taken');
      expect(e.message).toContain('10.100.0.0/24');
    }
  });

  it('names the published port another program holds', () => {
    const e = explainDockerError(new Error('driver failed programming external connectivity: Bind for 127.0.0.1:16443 failed: port is already allocated'), { port: 16443 });
    expect((e as LabError).code).toBe('port-taken');
    expect(e.message).toContain('KUBELAB_API_PORT');
  });

  it('passes on what it does not know', () => {
    const original = new Error('something else');
    expect(explainDockerError(original, { subnet: '10.100.0.0/24', port: 16443 })).toBe(original);
  });
});
