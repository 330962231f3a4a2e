// Fetches the real kubectl into .cache before the tests that drive it run.
import { ensureKubectl } from '../src/lab/image/kubectl';

console.log(await ensureKubectl(undefined, (line) => console.log(line)));
