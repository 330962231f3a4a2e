import { describe, expect, it } from 'vitest';
import { checkRequest, cookieName, isLoopback, readCookie } from './guard';

const config = { token: 'secret-token', port: 5000, hosts: ['127.0.0.1', 'localhost'] };
const cookie = `${cookieName(5000)}=secret-token`;

describe('checkRequest', () => {
  it('takes the token from the URL once, sets the cookie and strips the token', () => {
    const v = checkRequest({ url: '/?token=secret-token', host: '127.0.0.1:5000' }, config, 'page');
    expect(v).toEqual({ ok: true, setCookie: `${cookieName(5000)}=secret-token; HttpOnly; SameSite=Strict; Path=/`, redirect: '/' });
  });

  it('lets the cookie through afterwards, for pages and the socket', () => {
    expect(checkRequest({ url: '/assets/index.js', host: '127.0.0.1:5000', cookie }, config, 'page')).toEqual({ ok: true });
    expect(checkRequest({ url: '/ws', host: 'localhost:5000', origin: 'http://localhost:5000', cookie }, config, 'socket')).toEqual({ ok: true });
  });

  it('answers 401 without a token and 403 with a wrong one', () => {
    expect(checkRequest({ url: '/', host: '127.0.0.1:5000' }, config, 'page')).toMatchObject({ ok: false, status: 401 });
    expect(checkRequest({ url: '/?token=guess', host: '127.0.0.1:5000' }, config, 'page')).toMatchObject({ ok: false, status: 403 });
    expect(checkRequest({ url: '/ws', host: '127.0.0.1:5000', cookie: `${cookieName(5000)}=guess` }, config, 'socket')).toMatchObject({ ok: false, status: 403 });
  });

  it('refuses other Host names (DNS rebinding) and foreign Origins (cross-site sockets)', () => {
    expect(checkRequest({ url: '/?token=secret-token', host: 'evil.example:5000' }, config, 'page')).toMatchObject({ ok: false, status: 403 });
    expect(checkRequest({ url: '/ws', host: '127.0.0.1:5000', origin: 'http://evil.example', cookie }, config, 'socket')).toMatchObject({ ok: false, status: 403 });
  });
});

describe('listening on every interface (--host 0.0.0.0)', () => {
  const wide = { ...config, hosts: ['127.0.0.1', 'localhost', '*'] };
  it('answers to the machine\'s other names, still only with the token and from its own pages', () => {
    expect(checkRequest({ url: '/', host: '192.168.1.5:5000', cookie }, wide, 'page')).toEqual({ ok: true });
    expect(checkRequest({ url: '/', host: '192.168.1.5:5000' }, wide, 'page')).toMatchObject({ ok: false, status: 401 });
    expect(checkRequest({ url: '/ws', host: '192.168.1.5:5000', origin: 'http://192.168.1.5:5000', cookie }, wide, 'socket')).toEqual({ ok: true });
    expect(checkRequest({ url: '/ws', host: '192.168.1.5:5000', origin: 'http://evil.example', cookie }, wide, 'socket')).toMatchObject({ ok: false, status: 403 });
  });
});

describe('helpers', () => {
  it('reads one cookie among several', () => {
    expect(readCookie('a=1; kubelab_token_5000=x%20y; b=2', 'kubelab_token_5000')).toBe('x y');
    expect(readCookie(undefined, 'a')).toBeUndefined();
  });

  it('knows loopback addresses', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('127.1.2.3')).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
    expect(isLoopback('192.168.1.5')).toBe(false);
  });
});
