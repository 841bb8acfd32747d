// A partner analyst's read-only API tokens: create one (its secret is shown once, here, and
// never again), see when each was last used, and revoke one. A token reads the analyst's own
// survey only (docs/API.md "API tokens").
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { ApiToken } from '../../api/types';
import { Link } from '../../components/Link';
import { Notice, StatusArea, useActionResult } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { TableScroll } from '../../components/TableScroll';
import { serverMessage, useLang } from '../../i18n';
import { formatTimestamp } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

export default function ApiTokensPage() {
  const { t, lang } = useLang();
  const data = useAsync(() => api.get<{ tokens: ApiToken[] }>('/api/me/api-tokens'), []);
  const [label, setLabel] = useState('');
  const [created, setCreated] = useState<{ label: string; token: string } | null>(null);
  const [notice, noticeKey, setNotice] = useActionResult();
  const [busy, setBusy] = useState(false);

  const act = async (run: () => Promise<string>) => {
    setNotice(null);
    setBusy(true);
    try {
      const text = await run();
      await data.reload();
      setNotice({ kind: 'success', text });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setNotice({ kind: 'error', text: serverMessage(e.body, lang) });
    } finally {
      setBusy(false);
    }
  };
  const create = (e: React.FormEvent) => {
    e.preventDefault();
    void act(async () => {
      const r = await api.post<{ id: number; label: string; token: string }>('/api/me/api-tokens', { label: label.trim() });
      setCreated({ label: r.label, token: r.token });
      setLabel('');
      return t('tokens.created', { label: r.label });
    });
  };
  const revoke = (tok: ApiToken) =>
    void act(async () => {
      await api.del(`/api/me/api-tokens/${tok.id}`);
      if (created?.label === tok.label) setCreated(null);
      return t('tokens.revoked', { label: tok.label });
    });

  if (data.error) return <Notice kind="error" title={serverMessage(data.error.body, lang)} />;
  const tokens = data.data?.tokens;
  return (
    <>
      <p className="mb-2">
        <Link href="/partner">{t('partner.title')}</Link>
      </p>
      <PageTitle>{t('tokens.title')}</PageTitle>
      <p className="mb-4 max-w-3xl">{t('tokens.intro')}</p>
      <StatusArea result={notice} focusKey={noticeKey} />
      {created && (
        <Notice kind="warning" title={t('tokens.showOnce')}>
          <p className="mb-1">{t('tokens.usage')}</p>
          <code className="block break-all" data-testid="new-token">
            {created.token}
          </code>
        </Notice>
      )}
      <form className="my-4 flex flex-wrap items-end gap-3" onSubmit={create}>
        <div className="flex flex-col">
          <label htmlFor="token-label" className="text-std-16B-170">
            {t('tokens.label')}
          </label>
          <input id="token-label" className="input w-80" maxLength={100} value={label} onChange={(e) => setLabel(e.target.value)} required />
        </div>
        <button type="submit" className="btn-primary" disabled={busy || !label.trim()}>
          {t('tokens.create')}
        </button>
      </form>
      {!tokens ? (
        <p>{t('common.loading')}</p>
      ) : tokens.length === 0 ? (
        <p>{t('tokens.none')}</p>
      ) : (
        <TableScroll label={t('tokens.title')}>
          <table className="table">
            <caption className="sr-only">{t('tokens.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tokens.label')}</th>
                <th scope="col">{t('tokens.createdAt')}</th>
                <th scope="col">{t('tokens.lastUsed')}</th>
                <th scope="col">{t('tokens.state')}</th>
                <th scope="col">{t('tokens.action')}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((tok) => (
                <tr key={tok.id}>
                  <td>{tok.label}</td>
                  <td>{formatTimestamp(tok.created_at, lang)}</td>
                  <td>{tok.last_used_at ? formatTimestamp(tok.last_used_at, lang) : t('tokens.never')}</td>
                  <td>{tok.revoked_at ? t('tokens.revokedAt', { when: formatTimestamp(tok.revoked_at, lang) }) : t('tokens.active')}</td>
                  <td>
                    {!tok.revoked_at && (
                      <button
                        type="button"
                        className="btn-secondary"
                        disabled={busy}
                        aria-label={t('tokens.revokeFor', { label: tok.label })}
                        onClick={() => revoke(tok)}
                      >
                        {t('tokens.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
