// First run (and every start): Docker, the image, the lab — each checked in
// turn, each saying exactly what to do when it is not there yet.
import { useCallback, useEffect, useState } from 'react';
import type { AppInfo, DockerCheck, ImageStatus, LabStatus } from '../../shared/api';
import { api } from '../api';
import { useI18n } from '../i18n/i18n';
import { DockerStep } from './DockerStep';
import { ImageStep } from './ImageStep';
import { LabStep } from './LabStep';
import type { Step } from './step';

export function FirstRun({ onReady }: { onReady(): void }) {
  const { t } = useI18n();
  const [info, setInfo] = useState<AppInfo>();
  const [docker, setDocker] = useState<Step<DockerCheck>>({ state: 'checking' });
  const [image, setImage] = useState<Step<ImageStatus>>();
  const [lab, setLab] = useState<Step<LabStatus>>();

  const step = <T,>(p: Promise<T>, set: (s: Step<T>) => void) => {
    set({ state: 'checking' });
    return p.then(
      (value) => (set({ state: 'done', value }), value),
      (e: Error) => (set({ state: 'error', message: e.message }), undefined),
    );
  };
  const checkLab = useCallback(() => void step(api.labStatus(), setLab), []);
  const checkImage = useCallback(async () => {
    const img = await step(api.imageStatus(), setImage);
    if (img?.present) checkLab();
  }, [checkLab]);
  const checkAll = useCallback(async () => {
    setImage(undefined);
    setLab(undefined);
    const d = await step(api.checkDocker(), setDocker);
    if (d?.state === 'ok') await checkImage();
  }, [checkImage]);

  useEffect(() => {
    void api.appInfo().then(setInfo, () => {});
    void checkAll();
  }, [checkAll]);

  const mark = (s: Step<unknown> | undefined, ok: boolean) => (!s ? 'pending' : s.state === 'checking' ? 'checking' : ok ? 'ok' : 'problem');
  return (
    <main className="first-run" data-testid="first-run">
      <header>
        <h1>{t('app.title')}</h1>
        <p className="muted">{t('app.subtitle')}</p>
      </header>
      <h2>{t('first.heading')}</h2>
      <section className="check" data-testid="check-docker" data-state={mark(docker, docker.state === 'done' && docker.value.state === 'ok')}>
        <h3>1. {t('first.docker')}</h3>
        <DockerStep check={docker} retry={() => void checkAll()} />
      </section>
      <section className="check" data-testid="check-image" data-state={mark(image, image?.state === 'done' && image.value.present)}>
        <h3>2. {t('first.image')}</h3>
        {image && <ImageStep image={image} info={info} onReady={() => void checkImage()} />}
      </section>
      <section className="check" data-testid="check-lab" data-state={mark(lab, lab?.state === 'done' && lab.value.state === 'running')}>
        <h3>3. {t('first.lab')}</h3>
        {lab && <LabStep status={lab} onReady={onReady} refresh={checkLab} />}
      </section>
    </main>
  );
}
