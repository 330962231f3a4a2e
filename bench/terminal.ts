// Terminal figures: keystroke-to-echo latency in a host terminal (through the
// engine's WebSocket, and as the page sees it in Chromium), `seq 1 1000000`
// through a terminal (time and the page's frame rate meanwhile), time from
// opening the app to interactive, and the renderer bundle's size.
// Run: node scripts/run-ts.mjs bench/terminal.ts   (needs Docker, Chromium, a built app)
// Uses a running lab and leaves it running; otherwise starts one and removes it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import WebSocket from 'ws';
import type { WireServerMessage } from '../src/shared/api';
import { openBrowser } from '../e2e/support/browser';
import { ROOT, kubelab, labRunning, startServe } from '../e2e/support/lab';
import { formatSummary, summarize } from './_stats';

const KEYS = Number(process.env.BENCH_KEYS ?? 200);
const percentile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const line = (label: string, xs: number[], unit = 'ms') => `${formatSummary(label, summarize(xs), unit)}  p50 ${percentile(xs, 0.5).toFixed(2)}  p95 ${percentile(xs, 0.95).toFixed(2)}`;

function bundleSize(): { raw: number; gzip: number } {
  const dir = join(ROOT, 'out/renderer/assets');
  let raw = 0;
  let gzip = 0;
  for (const f of readdirSync(dir).filter((f) => /\.(js|css)$/.test(f))) {
    const data = readFileSync(join(dir, f));
    raw += data.length;
    gzip += gzipSync(data, { level: 9 }).length;
  }
  return { raw, gzip };
}

/** Keystroke to echo through the engine alone: a WebSocket client typing into `cat` in master. */
async function engineLatency(url: string): Promise<number[]> {
  const u = new URL(url);
  const ws = new WebSocket(`ws://${u.host}/ws?token=${u.searchParams.get('token')}`);
  await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
  let id = 0;
  const waiters = new Map<number, (v: unknown) => void>();
  let onData: (d: string) => void = () => {};
  ws.on('message', (raw) => {
    const m = JSON.parse(raw.toString()) as WireServerMessage;
    if (m.t === 'result') waiters.get(m.id)?.(m.ok ? m.v : Promise.reject(new Error(m.e)));
    else if (m.e === 'terminalData') onData((m.p as { data: string }).data);
  });
  const call = (m: string, a: unknown[]) => new Promise<unknown>((r) => (waiters.set(++id, r), ws.send(JSON.stringify({ t: 'call', id, m, a }))));
  const { id: term } = (await call('openTerminal', [{ kind: 'host', host: 'master' }, { cols: 120, rows: 40 }])) as { id: string };
  let screen = '';
  onData = (d) => (screen += d);
  const until = async (p: () => boolean) => {
    while (!p()) await new Promise((r) => setTimeout(r, 5));
  };
  await until(() => screen.includes('#'));
  ws.send(JSON.stringify({ t: 'note', m: 'writeTerminal', a: [term, 'cat\r'] }));
  await new Promise((r) => setTimeout(r, 300));
  const samples: number[] = [];
  for (let i = 0; i < KEYS; i++) {
    const ch = String.fromCharCode(97 + (i % 26));
    // Resolved by the echo itself: no polling interval in the figure.
    const echoed = new Promise<number>((resolve) => {
      onData = (d) => {
        if (d.includes(ch)) resolve(performance.now());
      };
    });
    const t0 = performance.now();
    ws.send(JSON.stringify({ t: 'note', m: 'writeTerminal', a: [term, ch] }));
    samples.push((await echoed) - t0);
    if (i % 60 === 59) ws.send(JSON.stringify({ t: 'note', m: 'writeTerminal', a: [term, '\r'] }));
  }
  ws.send(JSON.stringify({ t: 'note', m: 'writeTerminal', a: [term, '\x03'] }));
  ws.close();
  return samples;
}

const owned = !labRunning();
if (owned) {
  console.log('no lab running: starting one for the benchmark (removed at the end)');
  const r = kubelab(['up']);
  if (r.code !== 0) throw new Error(r.out);
}
const served = await startServe();
try {
  const bundle = bundleSize();
  console.log(`renderer bundle (js+css)                 ${(bundle.raw / 1024).toFixed(0)} KiB raw, ${(bundle.gzip / 1024).toFixed(0)} KiB gzipped (target <= 1536 KiB gzipped)`);

  const engine = await engineLatency(served.url);
  console.log(line('keystroke->echo, engine (WebSocket)', engine));

  const { context, page } = await openBrowser('en-US');
  try {
    // When the echo's WebSocket message arrives, to split the time into the trip and the drawing.
    await page.addInitScript(() => {
      const w = window as unknown as { __msgAt: number[] };
      w.__msgAt = [];
      const add = WebSocket.prototype.addEventListener;
      WebSocket.prototype.addEventListener = function (this: WebSocket, type: string, fn: EventListenerOrEventListenerObject, o?: boolean | AddEventListenerOptions) {
        if (type !== 'message') return add.call(this, type, fn, o);
        const listener = fn as (e: MessageEvent) => void;
        return add.call(this, type, (e: Event) => {
          if (String((e as MessageEvent).data).includes('"terminalData"')) w.__msgAt.push(performance.now());
          listener(e as MessageEvent);
        }, o);
      } as typeof WebSocket.prototype.addEventListener;
    });
    // Opening the app: the page, the Docker/image/lab checks, then the first terminal's prompt.
    const t0 = performance.now();
    await page.goto(served.url);
    await page.getByTestId('start-lab').waitFor({ timeout: 60_000 });
    const checked = performance.now() - t0;
    await page.getByTestId('start-lab').click();
    await page.locator('[data-testid="terminal-pane"][data-target="master"] .xterm-rows').filter({ hasText: 'root@master' }).waitFor({ timeout: 60_000 });
    const interactive = performance.now() - t0;
    console.log(`open app -> checks done (Open button)    ${checked.toFixed(0)} ms`);
    console.log(`open app -> master terminal prompt       ${interactive.toFixed(0)} ms (lab already running)`);

    // Keystroke to echo as the page sees it: keydown to xterm's DOM showing the character.
    await page.locator('[data-testid="terminal-pane"][data-target="master"] .terminal-body').click();
    await page.keyboard.type('cat\n');
    await page.waitForTimeout(300);
    await page.evaluate(() => {
      const w = window as unknown as { __lat: number[]; __trip: number[]; __t: number; __before: string; __msgAt: number[] };
      w.__lat = [];
      w.__trip = [];
      const rows = document.querySelector('[data-testid="terminal-pane"][data-target="master"] .xterm-rows')!;
      document.addEventListener(
        'keydown',
        () => {
          w.__t = performance.now();
          w.__before = rows.textContent ?? '';
          w.__msgAt.length = 0;
        },
        true,
      );
      // `cat` is idle: the only change on screen after a key is that key's echo.
      new MutationObserver(() => {
        if (w.__t && rows.textContent !== w.__before) {
          w.__lat.push(performance.now() - w.__t);
          if (w.__msgAt.length) w.__trip.push(w.__msgAt[0]! - w.__t);
          w.__t = 0;
        }
      }).observe(rows, { subtree: true, childList: true, characterData: true });
    });
    for (let i = 0; i < Math.min(KEYS, 100); i++) {
      await page.keyboard.type(String.fromCharCode(97 + (i % 26)));
      await page.waitForTimeout(30);
      if (i % 40 === 39) {
        await page.keyboard.press('Enter');
        await page.waitForTimeout(60);
      }
    }
    const { browser, trip } = await page.evaluate(() => {
      const w = window as unknown as { __lat: number[]; __trip: number[] };
      return { browser: w.__lat, trip: w.__trip };
    });
    if (browser.length) console.log(line('keystroke->echo, in Chromium (DOM)', browser));
    // xterm.js draws on the next animation frame; headless Chromium gives the first frame after an idle spell a whole interval later.
    if (trip.length) console.log(line('  of which keydown->echo message arrives', trip));
    await page.keyboard.press('Control+C');

    // The same trip from the page with no key event in play: after a real key, Chromium
    // runs no other task of the page until the next frame is drawn, so the echo waits for
    // that frame and xterm.js then draws it in the one after.
    const inPage = await page.evaluate(async () => {
      type Msg = { t: string; id?: number; v?: { id: string }; e?: string; p?: { id: string; data: string } };
      const ws = new WebSocket(`ws://${location.host}/ws`);
      await new Promise((res) => ws.addEventListener('open', res));
      let onMsg: (m: Msg) => void = () => {};
      ws.addEventListener('message', (e) => onMsg(JSON.parse(String(e.data)) as Msg));
      const opened = new Promise<string>((res) => (onMsg = (m) => m.t === 'result' && m.id === 1 && res(m.v!.id)));
      ws.send(JSON.stringify({ t: 'call', id: 1, m: 'openTerminal', a: [{ kind: 'host', host: 'master' }, { cols: 100, rows: 30 }] }));
      const term = await opened;
      await new Promise((res) => setTimeout(res, 1500));
      ws.send(JSON.stringify({ t: 'note', m: 'writeTerminal', a: [term, 'cat\r'] }));
      await new Promise((res) => setTimeout(res, 500));
      const xs: number[] = [];
      for (let i = 0; i < 100; i++) {
        const ch = String.fromCharCode(97 + (i % 26));
        const echoed = new Promise<number>((res) => (onMsg = (m) => m.e === 'terminalData' && m.p!.id === term && m.p!.data.includes(ch) && res(performance.now())));
        const t0 = performance.now();
        ws.send(JSON.stringify({ t: 'note', m: 'writeTerminal', a: [term, ch] }));
        xs.push((await echoed) - t0);
        await new Promise((res) => setTimeout(res, 30));
      }
      ws.send(JSON.stringify({ t: 'note', m: 'closeTerminal', a: [term] }));
      ws.close();
      return xs;
    });
    console.log(line('  the trip from the page, no key event', inPage));

    // seq 1 1000000: until its last line is on screen, counting frames meanwhile.
    await page.keyboard.type('clear\n');
    await page.waitForTimeout(300);
    const seq = await page.evaluate(
      () =>
        new Promise<{ ms: number; fps: number; longest: number }>((resolve) => {
          const rows = document.querySelector('[data-testid="terminal-pane"][data-target="master"] .xterm-rows')!;
          let frames = 0;
          let last = performance.now();
          let longest = 0;
          const start = performance.now();
          const tick = () => {
            const now = performance.now();
            longest = Math.max(longest, now - last);
            last = now;
            frames++;
            if (/SEQ-DONE-42/.test(rows.textContent ?? '')) {
              const ms = now - start;
              resolve({ ms, fps: (frames * 1000) / ms, longest });
            } else requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
          const ta = document.querySelector<HTMLTextAreaElement>('[data-testid="terminal-pane"][data-target="master"] .xterm-helper-textarea')!;
          ta.focus();
          // Typed as the user would: the command, then Enter.
          for (const c of 'seq 1 1000000; echo SEQ-DONE-$((6*7))') ta.dispatchEvent(new InputEvent('input', { data: c, inputType: 'insertText', bubbles: true }));
          ta.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 13, bubbles: true }));
        }),
    );
    console.log(`seq 1 1000000 through the terminal        ${(seq.ms / 1000).toFixed(2)} s, ${seq.fps.toFixed(0)} frames/s meanwhile (longest frame ${seq.longest.toFixed(0)} ms)`);
  } finally {
    await context.close();
  }
} finally {
  await served.stop();
  if (owned) console.log(`kubelab down: ${kubelab(['down']).out.trim()}`);
}
