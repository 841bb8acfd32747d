// The bodies' responses of one campaign, with filters (prefecture, type, state) and a search
// by name or reading. MIC sees every body; a prefecture supporter sees its prefecture's (the
// server forces the prefecture) and opens each response read-only. The server filters,
// searches and pages (100 rows at a time); the counts it returns are of the rows found.
import { useState } from 'react';
import { api, query, type ApiError } from '../api/client';
import type { Body, Campaign, CampaignResponseRow } from '../api/types';
import { Field } from '../components/Field';
import { Link } from '../components/Link';
import { Notice } from '../components/Notice';
import { NotificationList } from '../components/NotificationList';
import { PageTitle } from '../components/PageTitle';
import { TableScroll } from '../components/TableScroll';
import { ResponseStateTag } from '../components/StatusTag';
import { serverMessage, useLang } from '../i18n';
import { formatTimestamp } from '../lib/format';
import { hasRole, useSession } from '../lib/session';
import { useAsync } from '../lib/useAsync';

const PAGE = 100;
const TYPES = ['prefecture', 'designated_city', 'special_ward', 'city', 'town', 'village', 'union', 'independent_agency'];
const STATES = ['draft', 'ready_for_review', 'submitted', 'accepted', 'returned'];

type Page = { responses: CampaignResponseRow[]; counts: Record<string, number>; total: number };
type More = { base: Page | null; rows: CampaignResponseRow[]; loading: boolean; error: ApiError | null };

/** Rows in order, each response once (a body that changed state between two pages could
 *  otherwise appear twice). */
function withoutRepeats(rows: CampaignResponseRow[]): CampaignResponseRow[] {
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.id) && (seen.add(r.id), true));
}

export function BodiesPage({ campaignId }: { campaignId?: number }) {
  const { t, lang } = useLang();
  const { user } = useSession();
  const admin = hasRole(user, 'national_admin');
  const [filters, setFilters] = useState({ prefecture: '', type: '', state: '', q: '' });
  // The pages loaded after the first, for the first page they extend (`base`): rows loaded for
  // other filters are never shown with these.
  const [more, setMore] = useState<More>({ base: null, rows: [], loading: false, error: null });

  const campaign = useAsync(async () => {
    if (campaignId) return api.get<Campaign>(`/api/campaigns/${campaignId}`);
    const list = await api.get<{ campaigns: Campaign[] }>('/api/campaigns');
    // MIC's survey first: a supporter follows it; the other ministries' come after.
    const open = list.campaigns.filter((c) => c.state !== 'draft');
    return open.find((c) => (c.family ?? 'mic') === 'mic') ?? open[0] ?? null;
  }, [campaignId]);
  const prefectures = useAsync(() => api.get<{ bodies: Body[] }>(`/api/bodies${query({ type: 'prefecture' })}`), []);
  const pageOf = (offset: number) =>
    api.get<Page>(
      `/api/campaigns/${campaign.data!.id}/responses${query({
        prefecture: filters.prefecture,
        type: filters.type,
        state: filters.state,
        q: filters.q.trim(),
        offset: offset ? String(offset) : '',
        limit: String(PAGE),
      })}`,
    );
  const rows = useAsync(async () => (campaign.data ? pageOf(0) : null), [campaign.data, filters]);
  // While new filters load, the old list is not shown (nor extended).
  const first = rows.loading ? null : rows.data;
  const extra = first && more.base === first ? more : { rows: [], loading: false, error: null };
  const shown = first ? withoutRepeats([...first.responses, ...extra.rows]) : [];
  const loadMore = async () => {
    const base = first;
    if (!base) return;
    setMore({ base, rows: extra.rows, loading: true, error: null });
    try {
      const next = await pageOf(shown.length);
      setMore((m) => (m.base === base ? { base, rows: [...m.rows, ...next.responses], loading: false, error: null } : m));
    } catch (e) {
      setMore((m) => (m.base === base ? { ...m, loading: false, error: e as ApiError } : m));
    }
  };

  const error = campaign.error ?? rows.error;
  if (error) return <Notice kind="error" title={serverMessage(error.body, lang)} />;
  if (campaign.loading) return <p>{t('common.loading')}</p>;
  if (!campaign.data) return <Notice kind="info" title={t('bodies.noCampaign')} />;
  const prefName = (code: string) => prefectures.data?.bodies.find((b) => b.prefecture_code === code)?.name_ja ?? code;
  const ownPref = user?.body_code?.slice(0, 2) ?? '';
  const title = admin ? t('bodies.title') : t('bodies.prefectureTitle', { pref: prefName(ownPref) });

  return (
    <>
      {admin && (
        <p className="mb-2">
          <Link href="/admin/campaigns">{t('common.back')}: {t('admin.campaigns')}</Link>
        </p>
      )}
      <PageTitle caption={campaign.data.title}>{title}</PageTitle>
      {!admin && <NotificationList />}
      <form
        className="mb-4 flex flex-wrap items-end gap-4"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          setFilters({
            prefecture: String(f.get('prefecture') ?? ''),
            type: String(f.get('type') ?? ''),
            state: String(f.get('state') ?? ''),
            q: String(f.get('q') ?? ''),
          });
        }}
      >
        {admin && (
          <Field id="f-prefecture" label={t('bodies.prefecture')}>
            <select id="f-prefecture" name="prefecture" className="input" defaultValue={filters.prefecture}>
              <option value="">{t('bodies.all')}</option>
              {(prefectures.data?.bodies ?? []).map((b) => (
                <option key={b.code} value={b.prefecture_code}>{b.name_ja}</option>
              ))}
            </select>
          </Field>
        )}
        {([['type', TYPES, 'bodyTypes'], ['state', STATES, 'states']] as const).map(([name, values, labels]) => (
          <Field key={name} id={`f-${name}`} label={t(`bodies.${name}`)}>
            <select id={`f-${name}`} name={name} className="input" defaultValue={filters[name]}>
              <option value="">{t('bodies.all')}</option>
              {values.map((v) => (
                <option key={v} value={v}>{t(`${labels}.${v}`)}</option>
              ))}
            </select>
          </Field>
        ))}
        <Field id="f-q" label={t('bodies.search')}>
          <input id="f-q" name="q" type="search" className="input" defaultValue={filters.q} />
        </Field>
        <button type="submit" className="btn-primary">{t('bodies.filter')}</button>
      </form>

      {first && (
        <p className="mb-2" role="status">
          {t('bodies.results', { count: first.total })}
          {' — '}
          {STATES.filter((s) => first.counts[s]).map((s) => `${t(`states.${s}`)} ${first.counts[s]}`).join(' / ')}
        </p>
      )}
      {!first ? (
        <p>{t('common.loading')}</p>
      ) : (
        <>
          <TableScroll label={title}>
          <table className="table">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('bodies.code')}</th>
                <th scope="col">{t('bodies.name')}</th>
                <th scope="col">{t('bodies.type')}</th>
                <th scope="col">{t('bodies.state')}</th>
                <th scope="col">{t('bodies.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.id}>
                  <td>{r.body_code}</td>
                  <td>
                    <Link href={`/responses/${r.id}/review`}>{r.body_name}</Link>
                  </td>
                  <td>{t(`bodyTypes.${r.body_type}`)}</td>
                  <td>
                    <ResponseStateTag state={r.state} locked={r.locked} />
                  </td>
                  <td>{formatTimestamp(r.updated_at, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </TableScroll>
          {extra.error && <Notice kind="error" title={serverMessage(extra.error.body, lang)} />}
          {first.total > shown.length && (
            <button type="button" className="btn-secondary mt-4" disabled={extra.loading} onClick={() => void loadMore()}>
              {extra.loading ? t('common.loading') : t('bodies.showMore', { shown: shown.length, total: first.total })}
            </button>
          )}
        </>
      )}
    </>
  );
}
