import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTar } from './tar';

let dir = '';
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('makeTar', () => {
  it('writes an archive that GNU tar extracts with contents and modes intact', () => {
    dir = mkdtempSync(join(tmpdir(), 'tar-test-'));
    const long = `opt/${'deep/'.repeat(30)}file.txt`;
    const tar = makeTar([
      { name: 'opt/kubelab', type: 'dir' },
      { name: 'opt/kubelab/host-init', data: '#!/bin/bash\necho 안녕\n', mode: 0o755 },
      { name: long, data: 'x'.repeat(1000) },
    ]);
    writeFileSync(join(dir, 'a.tar'), tar);
    execFileSync('tar', ['-xf', 'a.tar'], { cwd: dir });
    expect(readFileSync(join(dir, 'opt/kubelab/host-init'), 'utf8')).toBe('#!/bin/bash\necho 안녕\n');
    expect(statSync(join(dir, 'opt/kubelab/host-init')).mode & 0o777).toBe(0o755);
    expect(readFileSync(join(dir, long), 'utf8')).toHaveLength(1000);
  });
});
