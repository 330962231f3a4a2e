// Integration tests need a Docker engine, the lab image and the built bundles.
// The image is built once (the first time on a machine that takes a minute or
// two); every lab a test started is removed at the end, whatever happened.
import { connectDocker, currentEndpoint } from '../../src/lab/docker/client';
import { checkDocker } from '../../src/lab/docker/check';
import { buildImage } from '../../src/lab/image/build';
import { labDown } from '../../src/lab/lab/stop';

const lab = process.env.KUBELAB_LAB || 'kubelab';

export async function setup(): Promise<void> {
  const endpoint = currentEndpoint();
  const docker = connectDocker(endpoint);
  const check = await checkDocker(docker, endpoint);
  if (check.state !== 'ok') throw new Error(`integration tests need Docker: ${check.message} ${check.fixes.join('; ')}`);
  let last = 0;
  await buildImage(docker, {
    progress: (e) => {
      if (Date.now() - last > 10_000 || e.done) {
        last = Date.now();
        console.log(`[image] ${e.message}`);
      }
    },
  });
  await labDown(docker, lab, () => {});
}

export async function teardown(): Promise<void> {
  await labDown(connectDocker(), lab, () => {});
}
