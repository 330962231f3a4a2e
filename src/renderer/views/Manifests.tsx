// The lesson's YAML files in master's /root: edit with highlighting, see
// js-yaml's errors as you type, save back into master.
import { loadAll, YAMLException } from 'js-yaml';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ManifestFile } from '../../shared/api';
import { api } from '../api';
import { useI18n } from '../i18n/i18n';
import { YamlLines } from './YamlView';

function validate(text: string): { ok: true; count: number } | { ok: false; line: number; column: number; message: string } {
  try {
    let count = 0;
    loadAll(text, () => count++);
    return { ok: true, count };
  } catch (e) {
    if (e instanceof YAMLException) return { ok: false, line: e.mark.line + 1, column: e.mark.column + 1, message: e.reason };
    return { ok: false, line: 0, column: 0, message: String(e) };
  }
}

export function Manifests() {
  const { t } = useI18n();
  const [files, setFiles] = useState<ManifestFile[]>();
  const [error, setError] = useState<string>();
  const [name, setName] = useState<string>();
  const [saved, setSaved] = useState('');
  const [text, setText] = useState('');
  const [note, setNote] = useState<string>();
  const pre = useRef<HTMLPreElement>(null);

  const list = () => api.listManifests().then(setFiles, (e: Error) => setError(e.message));
  useEffect(() => void list(), []);
  const open = (n: string) => {
    setNote(undefined);
    api.readManifest(n).then(
      (content) => {
        setName(n);
        setSaved(content);
        setText(content);
      },
      (e: Error) => setError(e.message),
    );
  };
  const save = () => {
    if (!name) return;
    api.writeManifest(name, text).then(
      () => {
        setSaved(text);
        setNote(t('man.saved', { name }));
        void list();
      },
      (e: Error) => setError(e.message),
    );
  };
  const check = useMemo(() => validate(text), [text]);

  return (
    <div className="manifests" data-testid="manifests-view">
      <aside className="file-list">
        <h4>{t('man.files')}</h4>
        {error && <p className="error">{t('man.error', { message: error })}</p>}
        {files?.length === 0 && <p className="muted">{t('man.none')}</p>}
        <ul>
          {files?.map((f) => (
            <li key={f.name}>
              <button type="button" className={f.name === name ? 'selected' : ''} onClick={() => open(f.name)} data-testid="manifest-file">
                {f.name}
              </button>
            </li>
          ))}
        </ul>
        <button type="button" onClick={() => void list()}>
          {t('man.reload')}
        </button>
      </aside>
      <section className="editor-pane">
        {!name ? (
          <p className="muted">{t('man.pick')}</p>
        ) : (
          <>
            <div className="row">
              <strong>/root/{name}</strong>
              {text !== saved && <span className="badge pending">{t('man.unsaved')}</span>}
              <span className="spacer" />
              <button type="button" className="primary" onClick={save} disabled={text === saved} data-testid="manifest-save">
                {t('man.save')}
              </button>
            </div>
            <div className="editor">
              <pre className="yaml editor-highlight" ref={pre} aria-hidden="true">
                <YamlLines text={text} />
              </pre>
              <textarea
                value={text}
                spellCheck={false}
                onChange={(e) => setText(e.target.value)}
                onScroll={(e) => {
                  if (pre.current) {
                    pre.current.scrollTop = e.currentTarget.scrollTop;
                    pre.current.scrollLeft = e.currentTarget.scrollLeft;
                  }
                }}
                aria-label={name}
                data-testid="manifest-editor"
              />
            </div>
            <p className={check.ok ? 'ok small' : 'error small'} data-testid="manifest-validation">
              {check.ok ? t('man.valid', { count: check.count }) : t('man.invalid', { line: check.line, column: check.column, message: check.message })}
            </p>
            {note && <p className="ok small">{note}</p>}
          </>
        )}
      </section>
    </div>
  );
}
