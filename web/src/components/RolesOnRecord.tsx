// The body's security roles on record (権限・責任等一覧表, docs/POLICIES.md), shown beside the
// survey's category 1 (組織体制), whose questions ask the same things: who the CISO is, whether
// a 統括情報セキュリティ責任者 and a CSIRT exist. Read-only here; recorded on the 方針 page.
import type { BodyPolicies } from '../api/types';
import { api } from '../api/client';
import { useLang } from '../i18n';
import { useAsync } from '../lib/useAsync';
import { Link } from './Link';

export function RolesOnRecord({ bodyCode, today }: { bodyCode: string; today: string }) {
  const { t } = useLang();
  const data = useAsync(() => api.get<BodyPolicies>(`/api/bodies/${bodyCode}/policies`), [bodyCode]);
  // Nothing to add when it cannot be read (the page works without it).
  if (data.error || !data.data) return null;
  const current = data.data.roles.filter((r) => r.since <= today && (!r.until || r.until >= today));
  return (
    <aside className="my-4 rounded-8 border border-solid-gray-420 p-4" aria-labelledby="roles-on-record">
      <h2 id="roles-on-record" className="text-std-17B-170 mb-2">{t('rolesOnRecord.title')}</h2>
      {current.length === 0 ? (
        <p>{t('rolesOnRecord.none')}</p>
      ) : (
        <ul className="mb-2 list-disc pl-6">
          {current.map((r) => (
            <li key={r.id}>
              {t(`policies.role.${r.role}`)}：{r.person}
              {r.title && `（${r.title}）`}
              {t('rolesOnRecord.since', { date: r.since })}
            </li>
          ))}
        </ul>
      )}
      <p className="text-std-16N-170">
        {t('rolesOnRecord.hint')} <Link href={`/bodies/${bodyCode}/policies`}>{t('rolesOnRecord.link')}</Link>
      </p>
    </aside>
  );
}
