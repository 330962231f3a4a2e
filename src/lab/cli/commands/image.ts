// kubelab image build|load FILE|save FILE|status [--json]

import { loadImage, imageStatus, saveImage } from '../../image/archive';
import { buildImage } from '../../image/build';
import { UsageError, parseFlags, type Command } from '../command';
import { terminalProgress } from '../progress';
import { requireDocker } from './docker-ready';

export const imageCommand: Command = {
  usage: 'image build|load FILE|save FILE|status [--json]',
  summary: 'build, load, save or inspect the lab image',
  async run(args) {
    const { flags, positional } = parseFlags(args, ['json', 'force']);
    const [action, file] = positional;
    const docker = await requireDocker();
    const progress = terminalProgress();
    try {
      switch (action) {
        case 'build': {
          const controller = new AbortController();
          process.once('SIGINT', () => controller.abort());
          const tag = await buildImage(docker, { progress, signal: controller.signal, force: flags.has('force') });
          console.log(tag);
          return 0;
        }
        case 'load':
          if (!file) throw new UsageError('load needs a FILE');
          console.log(await loadImage(docker, file, progress));
          return 0;
        case 'save':
          if (!file) throw new UsageError('save needs a FILE');
          await saveImage(docker, file, progress);
          return 0;
        case 'status': {
          const status = await imageStatus(docker);
          if (flags.has('json')) console.log(JSON.stringify(status, null, 2));
          else if (status.present) console.log(`${status.tag}: present, ${((status.sizeBytes ?? 0) / 1e6).toFixed(0)} MB, built ${status.created}`);
          else console.log(`${status.tag}: not built. Run \`kubelab image build\` (or \`kubelab image load FILE\`).`);
          if (!flags.has('json') && status.stale.length) console.log(`older KubeLab images: ${status.stale.join(', ')} (docker rmi them to free space)`);
          return 0;
        }
        default:
          throw new UsageError(action ? `unknown action "${action}"` : 'which action?');
      }
    } finally {
      progress.end();
    }
  },
};
