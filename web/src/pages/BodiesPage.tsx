// The bodies' responses of one campaign, with filters (prefecture, type, state) and a search
// by name or reading. MIC sees every body; a prefecture supporter sees its prefecture's (the
// server forces the prefecture) and opens each response read-only.
import { useMemo, useState } from 'react';
import { api, query } from '../api/client';
import type { Body, Campaign, CampaignResponseRow } from '../api/types';
import { Field } from '../components/Field';
import { Link } from '../components/Link';
import { Notice } from '../components/Notice';
import { NotificationList } from '../components/NotificationList';
import { PageTitle } from '../components/PageTitle';
import { ResponseStateTag } from '../components/StatusTag';
import { serverMessage, useLang } from '../i18n';
import { formatTimestamp } from '../lib/format';
import { hasRole, useSession } from '../lib/session';
import { useAsync } from '../lib/useAsync';

const PAGE = 100;
const TYPES = ['prefecture', 'designated_city', 'special_ward', 'city', 'town', 'village', 'union', 'independent_agency'];
const STATES = ['draft', 'ready_for_review', 'submitted', 'accepted', 'returned'];

/** Folds katakana to hiragana and half-width to full-width, so "さっぽろ" finds "ｻｯﾎﾟﾛｼ". */
export function searchKey(s: string): string {
  return s.normalize('NFKC').replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60)).toLowerCase();
}

export function BodiesPage({ campaignId }: { campaignId?: number }) {
  const { t, lang } = useLang();
  const { user } = useSession();
  const admin = hasRole(user, 'national_admin');
  const [filters, setFilters] = useState({ prefecture: '', type: '', state: '', q: '' });
  const [shown, setShown] = useState(PAGE);

  const campaign = useAsync(async () => {
    if (campaignId) return api.get<Campaign>(`/api/campaigns/${campaignId}`);
    const list = await api.get<{ campaigns: Campaign[] }>('/api/campaigns');
    return list.campaigns.find((c) => c.state !== 'draft') ?? null;
  }, [campaignId]);
  const prefectures = useAsync(() => api.get<{ bodies: Body[] }>(`/api/bodies${query({ type: 'prefecture' })}`), []);
  const rows = useAsync(async () => {
    if (!campaign.data) return null;
    return api.get<{ responses: CampaignResponseRow[]; counts: Record<string, number> }>(
      `/api/campaigns/${campaign.data.id}/responses${query({ prefecture: filters.prefecture, state: filters.state })}`,
    );
  }, [campaign.data, filters.prefecture, filters.state]);

  const filtered = useMemo(() => {
    const key = searchKey(filters.q.trim());
    return (rows.data?.responses ?? []).filter(
      (r) =>
        (!filters.type || r.body_type === filters.type) &&
        (!key || searchKey(r.body_name).includes(key) || searchKey(r.body_kana).includes(key)),
    );
  }, [rows.data, filters.type, filters.q]);

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
          setShown(PAGE);
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

      {rows.data && (
        <p className="mb-2" role="status">
          {t('bodies.results', { count: filtered.length })}
          {' — '}
          {STATES.filter((s) => rows.data!.counts[s]).map((s) => `${t(`states.${s}`)} ${rows.data!.counts[s]}`).join(' / ')}
        </p>
      )}
      {!rows.data ? (
        <p>{t('common.loading')}</p>
      ) : (
        <>
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
              {filtered.slice(0, shown).map((r) => (
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
          {filtered.length > shown && (
            <button type="button" className="btn-secondary mt-4" onClick={() => setShown((s) => s + PAGE)}>
              {t('bodies.showMore')}
            </button>
          )}
        </>
      )}
    </>
  );
}
