// The lesson panel's place at the workspace's edge, shown while the "Lesson"
// button is on (a setting, remembered).
import type { ClusterView, HostName } from '../../shared/api';
import { useI18n } from '../i18n/i18n';
import { LessonPanel } from '../lessons/LessonPanel';
import type { TerminalRegistry } from '../terminals/registry';

export interface LessonSlotProps {
  open: boolean;
  cluster: ClusterView | undefined;
  typeInto(host: HostName, text: string): Promise<void>;
  terminals: TerminalRegistry;
}

export function LessonSlot({ open, cluster, typeInto, terminals }: LessonSlotProps) {
  const { t } = useI18n();
  if (!open) return null;
  return (
    <aside className="lesson-slot" data-testid="lesson-slot" aria-label={t('lesson.title')}>
      <LessonPanel cluster={cluster} typeInto={typeInto} terminals={terminals} />
    </aside>
  );
}
