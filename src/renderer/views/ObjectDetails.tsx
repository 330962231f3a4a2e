// An object's YAML (as the API server returned it, in js-yaml's dump) and its events.
import { dump } from 'js-yaml';
import { useEffect, useState } from 'react';
import type { ObjectDetails as Details, ObjectRef } from '../../shared/api';
import { api } from '../api';
import { useI18n } from '../i18n/i18n';
import { YamlView } from './YamlView';

export function ObjectDetails({ target, onClose }: { target: ObjectRef; onClose(): void }) {
  const { t } = useI18n();
  const [details, setDetails] = useState<Details>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    setDetails(undefined);
    setError(undefined);
    api.describeObject(target).then(setDetails, (e: Error) => setError(e.message));
  }, [target]);
  return (
    <aside className="details" data-testid="object-details">
      <header>
        <strong>
          {target.kind} {target.namespace ? `${target.namespace}/` : ''}
          {target.name}
        </strong>
        <button type="button" onClick={onClose}>
          {t('details.close')}
        </button>
      </header>
      {error && <p className="error">{error}</p>}
      {!details && !error && <p className="muted">{t('details.loading')}</p>}
      {details && (
        <>
          <h4>{t('details.events')}</h4>
          {details.events.length === 0 ? (
            <p className="muted">{t('details.noEvents')}</p>
          ) : (
            <table className="events">
              <tbody>
                {details.events.map((e, i) => (
                  <tr key={i} className={e.type === 'Warning' ? 'warning' : ''}>
                    <td>{e.type}</td>
                    <td>{e.reason}</td>
                    <td>{e.source}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h4>{t('details.yaml')}</h4>
          <YamlView text={dump(details.object, { lineWidth: 120, noRefs: true })} />
        </>
      )}
    </aside>
  );
}
