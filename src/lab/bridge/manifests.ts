// The lesson's YAML files as they are in master's home directory (/root):
// listed and read by exec, written back with the Engine API's archive upload.
// Names are validated before they get here (validate.ts: no directories).
import type Docker from 'dockerode';
import type { ManifestFile } from '../../shared/api';
import { execIn } from '../docker/exec';
import { makeTar } from '../docker/tar';

const HOME = '/root';

export async function listManifests(docker: Docker, master: string): Promise<ManifestFile[]> {
  const r = await execIn(docker, master, ['find', HOME, '-maxdepth', '1', '-type', 'f', '(', '-name', '*.yaml', '-o', '-name', '*.yml', ')', '-printf', '%f\\t%s\\n'], { timeoutMs: 10_000 });
  if (r.exitCode !== 0) throw new Error(`listing ${HOME} in master failed: ${r.stderr.trim()}`);
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [name = '', size = '0'] = line.split('\t');
      return { name, size: Number(size) };
    })
    .filter((f) => !f.name.startsWith('.'))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function readManifest(docker: Docker, master: string, name: string): Promise<string> {
  const r = await execIn(docker, master, ['cat', '--', `${HOME}/${name}`], { timeoutMs: 10_000 });
  if (r.exitCode !== 0) throw new Error(`${name}: ${r.stderr.trim() || 'cannot be read'}`);
  return r.stdout;
}

export async function writeManifest(docker: Docker, master: string, name: string, text: string): Promise<void> {
  await docker.getContainer(master).putArchive(makeTar([{ name: `${HOME.slice(1)}/${name}`, data: text, mode: 0o644 }]), { path: '/' });
}
