// First run, step 2: the lab image — present, or built here (progress, cancel),
// or loaded from a tarball (a path in the browser, a file dialog in Electron, or
// the one packed into an offline-classroom build).
import { useState } from 'react';
import type { AppInfo, ImageStatus, TaskProgress } from '../../shared/api';
import { api } from '../api';
import { runTask } from '../api/tasks';
import { useI18n } from '../i18n/i18n';
import { Progress } from './Progress';
import type { Step } from './step';

export function ImageStep({ image, info, onReady }: { image: Step<ImageStatus>; info?: AppInfo; onReady(): void }) {
  const { t } = useI18n();
  const [task, setTask] = useState<{ id?: string; e?: TaskProgress }>();
  const [result, setResult] = useState<string>();
  const [path, setPath] = useState('');

  const run = (start: () => ReturnType<typeof api.buildImage>) => {
    setResult(undefined);
    setTask({});
    runTask(api, start, (e) => setTask((t0) => ({ ...t0, e })), (id) => setTask((t0) => ({ ...t0, id }))).then(
      () => {
        setTask(undefined);
        onReady();
      },
      (err: Error & { cancelled?: boolean }) => {
        setTask(undefined);
        setResult(err.cancelled ? t('first.cancelled') : t('first.failed', { message: err.message }));
      },
    );
  };
  const chooseAndLoad = async () => {
    const file = await api.chooseImageFile();
    if (file) run(() => api.loadImage(file));
  };

  if (image.state === 'checking') return <p>{t('first.checking')}</p>;
  if (image.state === 'error') return <p className="error">{image.message}</p>;
  if (image.value.present) return <p className="ok">{t('first.imagePresent', { tag: image.value.tag })}</p>;
  return (
    <div>
      <p>{t('first.imageMissing', { tag: image.value.tag })}</p>
      {task ? (
        <Progress e={task.e} onCancel={task.id ? () => void api.cancelTask(task.id!) : undefined} />
      ) : (
        <div className="row">
          {info?.bundledImage && (
            <button type="button" className="primary" onClick={() => run(() => api.loadImage(info.bundledImage!))} data-testid="load-bundled-image">
              {t('first.loadBundled')}
            </button>
          )}
          <button type="button" className={info?.bundledImage ? '' : 'primary'} onClick={() => run(() => api.buildImage())} data-testid="build-image">
            {t('first.build')}
          </button>
          {info?.canChooseFiles ? (
            <button type="button" onClick={() => void chooseAndLoad()}>
              {t('first.load')}
            </button>
          ) : (
            <form
              className="row"
              onSubmit={(e) => {
                e.preventDefault();
                if (path.trim()) run(() => api.loadImage(path.trim()));
              }}
            >
              <input value={path} onChange={(e) => setPath(e.target.value)} placeholder={t('first.loadPath')} aria-label={t('first.loadPath')} size={40} />
              <button type="submit">{t('first.loadButton')}</button>
            </form>
          )}
        </div>
      )}
      {result && <p className="error">{result}</p>}
    </div>
  );
}
