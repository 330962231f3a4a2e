// The workspace once the lab runs: the views (topology, traffic, manifests) on
// one side, the terminals on the other, a divider between them, and the
// lesson panel at the edge, which types its commands into the hosts' terminals.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ClusterView, HostName, TerminalTarget, ViewName } from '../../shared/api';
import { api } from '../api';
import { useI18n } from '../i18n/i18n';
import { useSettings } from '../state/settings';
import { TerminalRegistry } from '../terminals/registry';
import { TerminalArea, type TerminalItem } from '../terminals/TerminalArea';
import { Manifests } from '../views/Manifests';
import { Topology } from '../views/Topology';
import { Traffic } from '../views/Traffic';
import { LessonSlot } from './LessonSlot';
import { TopBar } from './TopBar';

let nextKey = 1;

const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r(null)));

export function Workspace({ dark, onStopped }: { dark: boolean; onStopped(): void }) {
  const { t } = useI18n();
  const { settings, update } = useSettings();
  const [items, setItems] = useState<TerminalItem[]>(() => settings.terminals.map((target) => ({ key: nextKey++, target })));
  const [cluster, setCluster] = useState<ClusterView>();
  const dragging = useRef(false);
  const body = useRef<HTMLDivElement>(null);
  const registry = useMemo(() => new TerminalRegistry(), []);
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const activeRef = useRef(settings.activeTerminal);
  activeRef.current = settings.activeTerminal;

  useEffect(() => {
    update((s) => ({ terminals: items.map((i) => i.target), activeTerminal: Math.min(s.activeTerminal, Math.max(0, items.length - 1)) }));
  }, [items, update]);

  useEffect(() => {
    const off = api.onClusterView(setCluster);
    void api.watchCluster().then(setCluster, () => {});
    return off;
  }, []);

  const openTerminal = useCallback(
    (target: TerminalTarget) => {
      setItems((list) => {
        const next = [...list, { key: nextKey++, target }];
        update({ activeTerminal: next.length - 1 });
        return next;
      });
    },
    [update],
  );
  /** Types into a terminal of the host (the active one if it is that host's, else the first, else a new one) and focuses it; Enter is the learner's. */
  const typeInto = useCallback(
    async (host: HostName, text: string) => {
      const list = itemsRef.current;
      const isHost = (i: TerminalItem | undefined) => i?.target.kind === 'host' && i.target.host === host;
      let index = isHost(list[activeRef.current]) ? activeRef.current : list.findIndex(isHost);
      let key: number;
      if (index >= 0) key = list[index]!.key;
      else {
        key = nextKey++;
        index = list.length;
        setItems((l) => [...l, { key, target: { kind: 'host', host } }]);
      }
      update({ activeTerminal: index });
      const pane = await registry.pane(key);
      await pane.ready;
      // The pane becomes visible on the next render; focus what can be seen.
      await nextFrame();
      pane.paste(text);
      pane.focus();
    },
    [registry, update],
  );

  const closeTerminal = (index: number) => {
    setItems((list) => list.filter((_, i) => i !== index));
    update((s) => ({ activeTerminal: Math.max(0, s.activeTerminal > index ? s.activeTerminal - 1 : Math.min(s.activeTerminal, items.length - 2)) }));
  };

  const onPointerMove = (e: React.PointerEvent) => {
    if (!dragging.current || !body.current) return;
    const r = body.current.getBoundingClientRect();
    update({ split: Math.min(0.85, Math.max(0.15, (e.clientX - r.left) / r.width)) });
  };

  const views: ViewName[] = ['topology', 'traffic', 'manifests'];
  return (
    <div className="workspace" data-testid="workspace">
      <TopBar onStopped={onStopped} />
      <div className="workspace-body">
        <LessonSlot open={settings.lessonOpen} cluster={cluster} typeInto={typeInto} terminals={registry} />
        {/* The divider splits what the lesson leaves. */}
        <div className="work-area" ref={body} onPointerMove={onPointerMove} onPointerUp={() => (dragging.current = false)} onPointerLeave={() => (dragging.current = false)}>
          <section className="views" style={{ flexBasis: `${settings.split * 100}%` }}>
            <nav className="view-tabs" role="tablist">
              {views.map((v) => (
                <button key={v} type="button" role="tab" aria-selected={settings.view === v} className={settings.view === v ? 'selected' : ''} onClick={() => update({ view: v })} data-testid={`view-${v}`}>
                  {t(`view.${v}`)}
                </button>
              ))}
            </nav>
            <div className="view-body">
              {settings.view === 'topology' && <Topology view={cluster} onOpenTerminal={openTerminal} />}
              {settings.view === 'traffic' && <Traffic view={cluster} />}
              {settings.view === 'manifests' && <Manifests />}
            </div>
          </section>
          <div className="divider" role="separator" aria-orientation="vertical" onPointerDown={() => (dragging.current = true)} />
          <TerminalArea
            items={items}
            registry={registry}
            active={Math.min(settings.activeTerminal, Math.max(0, items.length - 1))}
            layout={settings.terminalLayout}
            dark={dark}
            fontSize={settings.fontSize}
            onActivate={(i) => update({ activeTerminal: i })}
            onOpen={openTerminal}
            onClose={closeTerminal}
            onLayout={(l) => update({ terminalLayout: l })}
            onFontSize={(size) => update({ fontSize: Math.min(32, Math.max(8, size)) })}
          />
        </div>
      </div>
    </div>
  );
}
