// Lesson text in the app's language. Pure.
import type { LessonText } from '../../shared/api';
import type { Lang } from '../i18n/i18n';

export const pick = (text: LessonText | undefined, lang: Lang): string => text?.[lang] ?? '';

/** Commands with `{pod:…}`-style placeholders change with the cluster: the panel asks the engine to fill them in. */
export const hasPlaceholders = (command: string) => /\{(pod|podip|clusterip|nodeport|lb|svcchain):[^{}\s]*\}/.test(command);
