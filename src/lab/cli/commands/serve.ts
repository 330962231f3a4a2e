// kubelab serve [--port N] [--host H]: the app in a browser.
// kubelab start: Docker checked, image built if absent, lab up, then the
// desktop app where Electron and a display exist, else `serve`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Engine } from '../../bridge/engine';
import { imageExists } from '../../image/base';
import { buildImage } from '../../image/build';
import { imageTag } from '../../image/recipe';
import { labUp } from '../../lab/up';
import { currentEndpoint } from '../../docker/client';
import { appRoot } from '../../paths';
import { isLoopback } from '../../serve/guard';
import { serve } from '../../serve/server';
import { loadOrCreateToken } from '../../serve/token-file';
import { defaultConfigDir } from '../../bridge/settings-store';
import { rendererDir } from '../../serve/static';
import { UsageError, parseFlags, type Command } from '../command';
import { terminalProgress } from '../progress';
import { requireDocker } from './docker-ready';
import { apiPort, labName } from './lab-options';

/** The usual port; when it is taken and none was asked for, any free one. */
const DEFAULT_PORT = 16480;

async function runServer(args: string[]): Promise<number> {
  const { flags } = parseFlags(args, ['new-token']);
  const host = flags.get('host') ?? '127.0.0.1';
  const portFlag = flags.get('port');
  const port = portFlag === undefined ? DEFAULT_PORT : Number(portFlag);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${portFlag} is not a port number`);
  if (!isLoopback(host)) {
    console.error(
      `kubelab serve: WARNING: listening on ${host}, not only on this machine. Anyone who can reach it and learns the token\n` +
        'controls this machine\'s Docker through the lab. Use it only on a network you trust.',
    );
  }
  const root = rendererDir(appRoot());
  if (!existsSync(`${root}/index.html`)) throw new Error(`the app is not built (${root}): run \`npm run build\``);
  const engine = new Engine({ lab: labName(), apiPort: apiPort() });
  const token = loadOrCreateToken(defaultConfigDir(), flags.has('new-token'));
  let serving;
  try {
    serving = await serve({ engine, rendererDir: root, host, port, token });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || portFlag !== undefined) throw err;
    serving = await serve({ engine, rendererDir: root, host, port: 0, token });
  }
  console.log(`KubeLab is at ${serving.url}`);
  if (host === '0.0.0.0' || host === '::') console.log("From other machines, use this machine's address in place of 127.0.0.1.");
  console.log('Open that address in a browser (it holds the access token). Ctrl-C stops it.');
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await serving.close();
  return 0;
}

export const serveCommand: Command = {
  usage: 'serve [--port N] [--host H] [--new-token]',
  summary: 'the app in a browser, on 127.0.0.1 with a token (kept in the settings folder; --new-token replaces it)',
  run: runServer,
};

/** The Electron binary, when the electron package could download it. */
function electronBinary(): string | undefined {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function hasDisplay(): boolean {
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

export const startCommand: Command = {
  usage: 'start [--serve] [--port N] [--host H]',
  summary: 'check Docker, get the image, start the lab, open the app',
  async run(args) {
    const { flags } = parseFlags(args, ['serve']);
    const docker = await requireDocker();
    const progress = terminalProgress();
    try {
      if (!(await imageExists(docker, imageTag()))) {
        console.log(`The lab image ${imageTag()} is not in Docker yet: building it (a few minutes, once).`);
        await buildImage(docker, { progress });
      }
      await labUp(docker, { lab: labName(), apiPort: apiPort(), dockerSocket: currentEndpoint().daemonSocket, progress });
    } finally {
      progress.end();
    }
    console.log('The lab is up.');
    const electron = electronBinary();
    if (!flags.has('serve') && electron && hasDisplay()) {
      const env = { ...process.env };
      delete env.ELECTRON_RUN_AS_NODE;
      const child = spawn(electron, [appRoot()], { stdio: 'inherit', env });
      return new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 0)));
    }
    console.log(electron ? 'No display: opening the app in the browser instead.' : 'Electron is not installed here: opening the app in the browser instead.');
    const rest = args.filter((a) => a !== '--serve');
    return runServer(rest);
  },
};
