// MIC's national view of one answer, many surveys: how many entries bodies did not have to make
// again because the answer was given in another ministry's survey, in total and per campaign.
import { api } from '../api/client';
import { useLang } from '../i18n';
import { useAsync } from '../lib/useAsync';
import { TableScroll } from './TableScroll';

interface NationalReuse {
  entries_saved: number;
  campaigns: { campaign_id: number; title: string; family: string; sample: boolean; filled: number; waiting: number }[];
}

export function ReuseTotals() {
  const { t } = useLang();
  const data = useAsync(() => api.get<NationalReuse>('/api/analytics/reuse'), []);
  if (!data.data) return null;
  const d = data.data;
  return (
    <section aria-labelledby="reuse-totals" className="mb-8">
      <h2 id="reuse-totals" className="text-std-20B-150">
        {t('reuseTotals.title')}
      </h2>
      <p className="my-2" data-testid="entries-saved">
        {t('reuseTotals.saved', { count: d.entries_saved })}
      </p>
      {d.campaigns.length > 0 && (
        <TableScroll label={t('reuseTotals.title')}>
          <table className="table">
            <caption className="sr-only">{t('reuseTotals.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reuseTotals.campaign')}</th>
                <th scope="col" className="num">{t('reuseTotals.filled')}</th>
                <th scope="col" className="num">{t('reuseTotals.waiting')}</th>
              </tr>
            </thead>
            <tbody>
              {d.campaigns.map((c) => (
                <tr key={c.campaign_id}>
                  <td>{c.title}</td>
                  <td className="num">{c.filled.toLocaleString()}</td>
                  <td className="num">{c.waiting.toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
