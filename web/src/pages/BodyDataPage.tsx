// A body's own data, complete (docs/BODY_EXPORT.md): the body's approver downloads the own
// body's (bodyCode), MIC any body's by its code. The JSON form restores into another mamori
// database; the Excel form is for reading. Every download is recorded in the audit trail.
import { useState } from 'react';
import { DownloadButton } from '../components/DownloadButton';
import { PageTitle } from '../components/PageTitle';
import { useLang } from '../i18n';

function Downloads({ code }: { code: string }) {
  const { t } = useLang();
  return (
    <section aria-labelledby="body-data-downloads" className="mb-6">
      <h2 id="body-data-downloads" className="text-std-20B-150 mb-3">
        {t('bodyData.forBody', { code })}
      </h2>
      <ul className="space-y-4">
        <li>
          <DownloadButton href={`/api/bodies/${code}/export.json`} label={t('bodyData.json')} />
          <p className="mt-1 max-w-3xl">{t('bodyData.jsonHelp')}</p>
        </li>
        <li>
          <DownloadButton href={`/api/bodies/${code}/export.xlsx`} label={t('bodyData.xlsx')} />
          <p className="mt-1 max-w-3xl">{t('bodyData.xlsxHelp')}</p>
        </li>
      </ul>
    </section>
  );
}

export default function BodyDataPage({ bodyCode }: { bodyCode?: string }) {
  const { t } = useLang();
  const [input, setInput] = useState('');
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState(false);
  const code = bodyCode ?? chosen;
  return (
    <>
      <PageTitle>{t('bodyData.title')}</PageTitle>
      <p className="mb-2 max-w-3xl">{t('bodyData.intro')}</p>
      <p className="mb-6 max-w-3xl">{t('bodyData.audited')}</p>
      {!bodyCode && (
        <form
          className="mb-6 flex flex-wrap gap-3 items-end"
          onSubmit={(e) => {
            e.preventDefault();
            const ok = /^[0-9]{6}$/.test(input.trim());
            setError(!ok);
            if (ok) setChosen(input.trim());
          }}
          noValidate
        >
          <div>
            <label htmlFor="body-data-code" className="block text-std-16B-170">
              {t('bodyData.codeLabel')}
            </label>
            <p id="body-data-code-hint">
              {t('bodyData.codeHint')}
            </p>
            {error && (
              <p id="body-data-code-error" className="field-error">
                {t('bodyData.badCode')}
              </p>
            )}
            <input
              id="body-data-code"
              className="input"
              inputMode="numeric"
              autoComplete="off"
              value={input}
              aria-invalid={error || undefined}
              aria-describedby={error ? 'body-data-code-hint body-data-code-error' : 'body-data-code-hint'}
              onChange={(e) => setInput(e.target.value)}
            />
          </div>
          <button type="submit" className="btn-secondary">
            {t('bodyData.show')}
          </button>
        </form>
      )}
      {code && <Downloads key={code} code={code} />}
    </>
  );
}
