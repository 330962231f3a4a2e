// One terminal on screen: xterm, a small toolbar (copy, paste, search, text
// size) and, when the session ended, what happened and a Reconnect button.
import { useEffect, useRef, useState } from 'react';
import type { TerminalTarget } from '../../shared/api';
import { api } from '../api';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/i18n';
import { TerminalController, type TerminalState } from './controller';
import type { TerminalRegistry } from './registry';
import { darkTheme, lightTheme } from './themes';

export interface PaneProps {
  /** The terminal item's key: how the lesson panel finds this pane (registry.ts). */
  itemKey: number;
  registry: TerminalRegistry;
  target: TerminalTarget;
  visible: boolean;
  active: boolean;
  dark: boolean;
  fontSize: number;
  onFontSize(size: number): void;
  onTitle(title: string): void;
  onFocus(): void;
}

export const targetLabel = (t: TerminalTarget) => (t.kind === 'host' ? t.host : `${t.namespace}/${t.pod}`);

export function TerminalPane(props: PaneProps) {
  const { t } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  const ctl = useRef<TerminalController | undefined>(undefined);
  const [state, setState] = useState<TerminalState>({ kind: 'connecting' });
  const [searching, setSearching] = useState(false);
  const [query, setQuery] = useState('');
  const propsRef = useRef(props);
  propsRef.current = props;

  useEffect(() => {
    const c = new TerminalController(api, props.target, {
      fontSize: propsRef.current.fontSize,
      theme: propsRef.current.dark ? darkTheme : lightTheme,
      onState: (s) => {
        setState(s);
        if (s.kind === 'open') propsRef.current.onTitle(s.title);
      },
      onSearchRequest: () => setSearching(true),
    });
    ctl.current = c;
    c.mount(el.current!);
    void c.connect();
    const { itemKey, registry, target } = propsRef.current;
    const ready = new Promise<void>((resolve) => {
      const first = c.term.onWriteParsed(() => {
        first.dispose();
        resolve();
      });
    });
    const input = c.term.onData((data) => registry.input(target, data));
    const unregister = registry.register({ key: itemKey, target, ready, paste: (text) => c.term.paste(text), focus: () => c.focus() });
    return () => {
      unregister();
      input.dispose();
      c.dispose();
    };
    // One controller per pane for its whole life: the target never changes.
  }, []);

  useEffect(() => ctl.current?.setFontSize(props.fontSize), [props.fontSize]);
  useEffect(() => ctl.current?.setTheme(props.dark ? darkTheme : lightTheme), [props.dark]);
  useEffect(() => {
    if (props.visible) ctl.current?.fitSoon();
    if (props.visible && props.active) ctl.current?.focus();
  }, [props.visible, props.active]);

  useEffect(() => {
    if (state.kind === 'ended') {
      const e = state.exit;
      const key = `term.${e.reason}` as MessageKey;
      ctl.current?.writeNote(t(key, { title: state.title, message: e.message ?? '' }));
    }
  }, [state, t]);

  const reconnect = () => void ctl.current?.connect().then(() => ctl.current?.focus());
  const find = (forward: boolean) => {
    const s = ctl.current?.search;
    if (!s || !query) return;
    if (forward) s.findNext(query);
    else s.findPrevious(query);
  };
  const label = targetLabel(props.target);

  return (
    <div
      className={`terminal-pane${props.active ? ' active' : ''}`}
      style={props.visible ? undefined : { display: 'none' }}
      data-testid="terminal-pane"
      data-target={label}
      data-state={state.kind}
      onFocusCapture={props.onFocus}
    >
      <div className="terminal-toolbar">
        <span className="terminal-title">{label}</span>
        <button type="button" title="Ctrl+Shift+C" onClick={() => void ctl.current?.copy()}>
          {t('term.copy')}
        </button>
        <button type="button" title="Ctrl+Shift+V" onClick={() => void ctl.current?.paste()}>
          {t('term.paste')}
        </button>
        <button type="button" title="Ctrl+Shift+F" onClick={() => setSearching((s) => !s)} data-testid="terminal-search-toggle">
          {t('term.search')}
        </button>
        <button type="button" title={t('term.fontSmaller')} onClick={() => props.onFontSize(props.fontSize - 1)}>
          A−
        </button>
        <button type="button" title={t('term.fontBigger')} onClick={() => props.onFontSize(props.fontSize + 1)}>
          A+
        </button>
      </div>
      {searching && (
        <form
          className="terminal-search"
          onSubmit={(e) => {
            e.preventDefault();
            find(true);
          }}
        >
          <input
            autoFocus
            value={query}
            placeholder={t('term.searchPlaceholder')}
            aria-label={t('term.searchPlaceholder')}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                setSearching(false);
                ctl.current?.search.clearDecorations();
                ctl.current?.focus();
              }
            }}
          />
          <button type="button" onClick={() => find(false)}>
            {t('term.previous')}
          </button>
          <button type="submit">{t('term.next')}</button>
        </form>
      )}
      <div className="terminal-body" ref={el} />
      {state.kind === 'connecting' && <div className="terminal-overlay muted">{t('term.connecting', { title: label })}</div>}
      {(state.kind === 'ended' || state.kind === 'error') && (
        <div className="terminal-banner" role="status" data-testid="terminal-ended">
          <span>
            {state.kind === 'error'
              ? t('term.failedOpen', { title: label, message: state.message })
              : t(`term.${state.exit.reason}` as MessageKey, { title: state.title, message: state.exit.message ?? '' })}
          </span>
          <button type="button" className="primary" onClick={reconnect} data-testid="terminal-reconnect">
            {t('term.reconnect')}
          </button>
        </div>
      )}
    </div>
  );
}
