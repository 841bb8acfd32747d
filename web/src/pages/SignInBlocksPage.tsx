// MIC's administrator: the sign-ins held back by repeated attempts (per login and address,
// per address, per login), with when each may try again, and lifting one.
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import type { SignInBlock } from '../api/types';
import { Notice, StatusArea, useActionResult } from '../components/Notice';
import { PageTitle } from '../components/PageTitle';
import { TableScroll } from '../components/TableScroll';
import { serverMessage, useLang } from '../i18n';
import { formatTimestamp } from '../lib/format';
import { useAsync } from '../lib/useAsync';

export default function SignInBlocksPage() {
  const { t, lang } = useLang();
  const data = useAsync(() => api.get<{ blocks: SignInBlock[] }>('/api/admin/sign-in-blocks'), []);
  const [notice, noticeKey, setNotice] = useActionResult();
  const [busy, setBusy] = useState(false);

  const lift = async (b: SignInBlock) => {
    setNotice(null);
    setBusy(true);
    try {
      await api.post('/api/admin/sign-in-blocks/lift', { key: b.key });
      await data.reload();
      setNotice({ kind: 'success', text: t('signInBlocks.lifted', { who: b.login || b.address }) });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      await data.reload();
      setNotice({ kind: 'error', text: serverMessage(e.body, lang) });
    } finally {
      setBusy(false);
    }
  };

  if (data.error) return <Notice kind="error" title={serverMessage(data.error.body, lang)} />;
  const blocks = data.data?.blocks;
  return (
    <>
      <PageTitle>{t('signInBlocks.title')}</PageTitle>
      <p className="mb-4 max-w-3xl">{t('signInBlocks.intro')}</p>
      <StatusArea result={notice} focusKey={noticeKey} />
      {!blocks ? (
        <p>{t('common.loading')}</p>
      ) : blocks.length === 0 ? (
        <p>{t('signInBlocks.none')}</p>
      ) : (
        <TableScroll label={t('signInBlocks.title')}>
          <table className="table">
            <caption className="sr-only">{t('signInBlocks.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('signInBlocks.kind')}</th>
                <th scope="col">{t('signInBlocks.login')}</th>
                <th scope="col">{t('signInBlocks.address')}</th>
                <th scope="col" className="num">{t('signInBlocks.attempts')}</th>
                <th scope="col">{t('signInBlocks.lastAt')}</th>
                <th scope="col">{t('signInBlocks.until')}</th>
                <th scope="col">{t('signInBlocks.action')}</th>
              </tr>
            </thead>
            <tbody>
              {blocks.map((b) => (
                <tr key={b.key}>
                  <td>{t(`signInBlocks.kinds.${b.kind}`)}</td>
                  <td>{b.login || '—'}</td>
                  <td>{b.address || '—'}</td>
                  <td className="num">{b.attempts.toLocaleString()}</td>
                  <td>{formatTimestamp(b.last_at, lang, { seconds: true })}</td>
                  <td>{formatTimestamp(b.until, lang, { seconds: true })}</td>
                  <td>
                    <button
                      type="button"
                      className="btn-secondary"
                      disabled={busy}
                      aria-label={t('signInBlocks.liftFor', { who: [b.login, b.address].filter(Boolean).join(' / ') })}
                      onClick={() => void lift(b)}
                    >
                      {t('signInBlocks.lift')}
                    </button>
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
