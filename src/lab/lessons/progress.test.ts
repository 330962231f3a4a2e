import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanProgress, defaultProgressFile, ProgressStore } from './progress';

const file = () => join(mkdtempSync(join(tmpdir(), 'kubelab-progress-')), 'sub', 'progress.json');
const clock = () => new Date('2026-01-02T03:04:05.000Z');
const ORDER = ['a', 'b', 'c'];

describe('ProgressStore', () => {
  it('remembers passed steps across instances (an app restart)', () => {
    const f = file();
    new ProgressStore(f, clock).passed('services', 'a');
    new ProgressStore(f, clock).passed('services', 'b');
    const again = new ProgressStore(f, clock).get('services');
    expect(again).toEqual({ steps: { a: { passedAt: '2026-01-02T03:04:05.000Z' }, b: { passedAt: '2026-01-02T03:04:05.000Z' } }, current: 'b', updatedAt: '2026-01-02T03:04:05.000Z' });
  });

  it('forgets the reset step and every later one, and everything on clear', () => {
    const store = new ProgressStore(file(), clock);
    for (const s of ORDER) store.passed('services', s);
    expect(Object.keys(store.resetFrom('services', 'b', ORDER).steps)).toEqual(['a']);
    expect(store.get('services').current).toBe('b');
    expect(store.clear('services').steps).toEqual({});
  });

  it('keeps lessons apart', () => {
    const store = new ProgressStore(file(), clock);
    store.passed('services', 'a');
    store.passed('other', 'x');
    store.clear('other');
    expect(Object.keys(store.get('services').steps)).toEqual(['a']);
  });

  it('sets a damaged file aside and starts again', () => {
    const f = file();
    const store = new ProgressStore(f, clock);
    store.passed('services', 'a');
    writeFileSync(f, '{ not json');
    expect(store.get('services')).toEqual({ steps: {} });
    expect(existsSync(`${f}.damaged`)).toBe(true);
    store.passed('services', 'b');
    expect(JSON.parse(readFileSync(f, 'utf8')).lessons.services.steps).toHaveProperty('b');
  });

  it('drops what it cannot trust in a file', () => {
    expect(cleanProgress({ lessons: { s: { steps: { a: { passedAt: 'x' }, b: 3, c: { passedAt: 1 } }, current: 4 }, t: 'no' } })).toEqual({ version: 1, lessons: { s: { steps: { a: { passedAt: 'x' } }, current: undefined, updatedAt: undefined } } });
  });

  it('lives in the settings folder unless told otherwise', () => {
    expect(defaultProgressFile({ KUBELAB_CONFIG_DIR: '/cfg' })).toBe('/cfg/lesson-progress.json');
    expect(defaultProgressFile({ KUBELAB_PROGRESS_FILE: '/x/p.json' })).toBe('/x/p.json');
  });
});
