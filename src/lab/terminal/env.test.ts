import { describe, expect, it } from 'vitest';
import { childEnv } from './env';

describe('childEnv', () => {
  it('drops Electron variables and sets a terminal type', () => {
    const env = childEnv({ PATH: '/usr/bin', ELECTRON_RUN_AS_NODE: '1', ELECTRON_NO_ATTACH_CONSOLE: '1', DOCKER_HOST: 'unix:///x', TERM: 'dumb' });
    expect(env).toEqual({ PATH: '/usr/bin', DOCKER_HOST: 'unix:///x', TERM: 'xterm-256color', COLORTERM: 'truecolor' });
  });
});
