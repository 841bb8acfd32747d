// A partner ministry's analyst (issue 14): the campaigns of its ministry's survey, each with
// its answers by item and its exports, and where its read-only API tokens are kept.
import type { Campaign } from '../../api/types';
import { api } from '../../api/client';
import { Link } from '../../components/Link';
import { Notice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { TableScroll } from '../../components/TableScroll';
import { serverMessage, useLang } from '../../i18n';
import { formatDeadline } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

export default function PartnerHomePage() {
  const { t, lang } = useLang();
  const data = useAsync(() => api.get<{ campaigns: Campaign[] }>('/api/partner/campaigns'), []);
  if (data.error) return <Notice kind="error" title={serverMessage(data.error.body, lang)} />;
  const campaigns = data.data?.campaigns;
  return (
    <>
      <PageTitle>{t('partner.title')}</PageTitle>
      <p className="mb-4 max-w-3xl">{t('partner.intro')}</p>
      {campaigns?.some((c) => c.sample) && <Notice kind="warning" title={t('partner.sample')} />}
      {!campaigns ? (
        <p>{t('common.loading')}</p>
      ) : campaigns.length === 0 ? (
        <p>{t('partner.none')}</p>
      ) : (
        <TableScroll label={t('partner.campaigns')}>
          <table className="table">
            <caption className="sr-only">{t('partner.campaigns')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('partner.campaign')}</th>
                <th scope="col">{t('partner.state')}</th>
                <th scope="col">{t('partner.period')}</th>
                <th scope="col" className="num">{t('partner.targets')}</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link href={`/partner/campaigns/${c.id}`}>{c.title}</Link>
                  </td>
                  <td>{t(`partner.campaignStates.${c.state}`)}</td>
                  <td>
                    {formatDeadline(c.opens_at, lang)} – {formatDeadline(c.closes_at, lang)}
                  </td>
                  <td className="num">{c.target_count.toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <p className="mt-6">
        <Link href="/partner/tokens">{t('partner.tokensLink')}</Link>
      </p>
    </>
  );
}
