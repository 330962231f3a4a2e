// THE LESSON PANEL'S PLACE. The guided lesson (its steps and their checks
// against the live cluster) is another issue; it mounts here. This component
// only keeps the space in the layout and the open/closed setting.
import { useI18n } from '../i18n/i18n';

export function LessonSlot({ open }: { open: boolean }) {
  const { t } = useI18n();
  if (!open) return null;
  return (
    <aside className="lesson-slot" data-testid="lesson-slot" aria-label={t('lesson.title')}>
      <h2>{t('lesson.title')}</h2>
      <p className="muted">{t('lesson.placeholder')}</p>
    </aside>
  );
}
