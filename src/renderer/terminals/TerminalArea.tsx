// The terminals: tabs, or all of them side by side or in a grid; several per
// host; the open ones remembered in the settings and reopened next time.
import { HOST_NAMES, type TerminalLayout, type TerminalTarget } from '../../shared/api';
import { useI18n } from '../i18n/i18n';
import type { TerminalRegistry } from './registry';
import { TerminalPane, targetLabel } from './TerminalPane';

export interface TerminalItem {
  key: number;
  target: TerminalTarget;
}

export interface AreaProps {
  items: TerminalItem[];
  registry: TerminalRegistry;
  active: number;
  layout: TerminalLayout;
  dark: boolean;
  fontSize: number;
  onActivate(index: number): void;
  onOpen(target: TerminalTarget): void;
  onClose(index: number): void;
  onLayout(layout: TerminalLayout): void;
  onFontSize(size: number): void;
}

export function TerminalArea(p: AreaProps) {
  const { t } = useI18n();
  const layouts: TerminalLayout[] = ['tabs', 'columns', 'grid'];
  const gridClass = p.layout === 'tabs' ? 'one' : p.layout === 'columns' ? 'columns' : 'grid';
  return (
    <section className="terminal-area" data-testid="terminal-area">
      <div className="tabbar" role="tablist">
        {p.items.map((item, i) => (
          <div key={item.key} className={`tab${i === p.active ? ' active' : ''}`} role="tab" aria-selected={i === p.active} data-testid="terminal-tab" data-target={targetLabel(item.target)}>
            <button type="button" className="tab-label" onClick={() => p.onActivate(i)}>
              {targetLabel(item.target)}
            </button>
            <button type="button" className="tab-close" aria-label={`${t('term.close')} ${targetLabel(item.target)}`} onClick={() => p.onClose(i)}>
              ×
            </button>
          </div>
        ))}
        <div className="tab-add">
          <span className="muted">{t('term.add')}:</span>
          {HOST_NAMES.map((h) => (
            <button key={h} type="button" onClick={() => p.onOpen({ kind: 'host', host: h })} data-testid={`open-terminal-${h}`}>
              {h}
            </button>
          ))}
        </div>
        <div className="layout-switch">
          {layouts.map((l) => (
            <button key={l} type="button" className={l === p.layout ? 'selected' : ''} onClick={() => p.onLayout(l)} data-testid={`layout-${l}`}>
              {t(`term.layout.${l}`)}
            </button>
          ))}
        </div>
      </div>
      {p.items.length === 0 && <p className="muted empty">{t('term.none')}</p>}
      <div className={`terminal-grid ${gridClass}`} data-count={p.items.length}>
        {p.items.map((item, i) => (
          <TerminalPane
            key={item.key}
            itemKey={item.key}
            registry={p.registry}
            target={item.target}
            visible={p.layout !== 'tabs' || i === p.active}
            active={i === p.active}
            dark={p.dark}
            fontSize={p.fontSize}
            onFontSize={p.onFontSize}
            onTitle={() => {}}
            onFocus={() => i !== p.active && p.onActivate(i)}
          />
        ))}
      </div>
    </section>
  );
}
