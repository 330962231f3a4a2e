// One xterm.js terminal bound to one engine session: output written with
// flow-control acknowledgements, input and resizes sent on, links opened
// through the engine's checked opener, and a clear end when the host stops or
// restarts, after which it can reconnect in place.
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal, type ITheme } from '@xterm/xterm';
import type { TerminalData, TerminalExit, TerminalTarget, Unsubscribe } from '../../shared/api';
import type { ClientApi } from '../api/client';
import { AckCounter } from './ack';
import { FONT_FAMILY } from './themes';

export type TerminalState =
  | { kind: 'connecting' }
  | { kind: 'open'; title: string }
  | { kind: 'ended'; exit: TerminalExit; title: string }
  | { kind: 'error'; message: string };

export interface ControllerOptions {
  fontSize: number;
  theme: ITheme;
  onState(s: TerminalState): void;
  onSearchRequest(): void;
}

export class TerminalController {
  readonly term: Terminal;
  private readonly fit = new FitAddon();
  readonly search = new SearchAddon();
  private id: string | undefined;
  private title = '';
  private readonly ack = new AckCounter();
  private readonly subscriptions: Unsubscribe[] = [];
  private early: TerminalData[] | undefined;
  private resizeObserver: ResizeObserver | undefined;
  private fitFrame = 0;
  private disposed = false;

  constructor(
    private readonly api: ClientApi,
    private readonly target: TerminalTarget,
    private readonly options: ControllerOptions,
  ) {
    this.term = new Terminal({
      allowProposedApi: true, // the Unicode 11 width tables are a proposed API
      fontFamily: FONT_FAMILY,
      fontSize: options.fontSize,
      theme: options.theme,
      scrollback: 5000,
      cursorBlink: true,
      macOptionIsMeta: true,
    });
    this.term.loadAddon(this.fit);
    this.term.loadAddon(this.search);
    this.term.loadAddon(new Unicode11Addon());
    this.term.unicode.activeVersion = '11';
    this.term.loadAddon(new WebLinksAddon((event, uri) => {
      event.preventDefault();
      void api.openExternal(uri);
    }));
    this.term.attachCustomKeyEventHandler((e) => this.key(e));
    this.term.onData((data) => this.id && this.api.writeTerminal(this.id, data));
    this.term.onResize(({ cols, rows }) => this.id && this.api.resizeTerminal(this.id, { cols, rows }));
    this.subscriptions.push(
      api.onTerminalData((e) => this.data(e)),
      api.onTerminalExit((e) => this.exit(e)),
    );
  }

  mount(el: HTMLElement): void {
    this.term.open(el);
    this.fitSoon();
    this.resizeObserver = new ResizeObserver(() => this.fitSoon());
    this.resizeObserver.observe(el);
  }

  async connect(): Promise<void> {
    this.options.onState({ kind: 'connecting' });
    this.fitNow();
    this.early = [];
    try {
      const opened = await this.api.openTerminal(this.target, { cols: this.term.cols, rows: this.term.rows });
      if (this.disposed) return this.api.closeTerminal(opened.id);
      this.id = opened.id;
      this.title = opened.title;
      // Output that raced ahead of the answer to openTerminal.
      for (const e of this.early.splice(0)) this.data(e);
      this.early = undefined;
      this.options.onState({ kind: 'open', title: opened.title });
    } catch (err) {
      this.early = undefined;
      this.options.onState({ kind: 'error', message: (err as Error).message });
    }
  }

  private data(e: TerminalData): void {
    if (this.early && !this.id) {
      this.early.push(e);
      return;
    }
    if (e.id !== this.id) return;
    const id = this.id;
    this.term.write(e.data, () => {
      const n = this.ack.drew(e.data.length);
      if (n) this.api.ackTerminal(id, n);
    });
  }

  private exit(e: TerminalExit): void {
    if (e.id !== this.id) return;
    this.id = undefined;
    this.options.onState({ kind: 'ended', exit: e, title: this.title });
  }

  /** Ctrl+Shift+C copies, Ctrl+Shift+V pastes (natively, through the paste event), Ctrl+Shift+F searches. */
  private key(e: KeyboardEvent): boolean {
    if (e.type !== 'keydown' || !e.ctrlKey || !e.shiftKey) return true;
    const k = e.key.toLowerCase();
    if (k === 'c') {
      void this.copy();
      return false;
    }
    if (k === 'v') return false;
    if (k === 'f') {
      e.preventDefault();
      this.options.onSearchRequest();
      return false;
    }
    return true;
  }

  async copy(): Promise<void> {
    const text = this.term.getSelection();
    if (text) await navigator.clipboard.writeText(text).catch(() => {});
  }

  async paste(): Promise<void> {
    const text = await navigator.clipboard.readText().catch(() => '');
    if (text) this.term.paste(text);
    this.term.focus();
  }

  writeNote(text: string): void {
    this.term.write(`\r\n\x1b[2m${text}\x1b[0m\r\n`);
  }

  setFontSize(size: number): void {
    if (this.term.options.fontSize === size) return;
    this.term.options.fontSize = size;
    this.fitSoon();
  }

  setTheme(theme: ITheme): void {
    this.term.options.theme = theme;
  }

  fitSoon(): void {
    cancelAnimationFrame(this.fitFrame);
    this.fitFrame = requestAnimationFrame(() => this.fitNow());
  }

  private fitNow(): void {
    const el = this.term.element;
    // A hidden tab has no size: fitting it would shrink the shell to nothing.
    if (!el || el.offsetWidth === 0 || el.offsetHeight === 0) return;
    try {
      this.fit.fit();
    } catch {
      // not rendered yet
    }
  }

  focus(): void {
    this.term.focus();
  }

  dispose(): void {
    this.disposed = true;
    cancelAnimationFrame(this.fitFrame);
    this.resizeObserver?.disconnect();
    for (const off of this.subscriptions) off();
    if (this.id) this.api.closeTerminal(this.id);
    this.term.dispose();
  }
}
