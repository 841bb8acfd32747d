// "/" sends each role to where its work is: MIC to the campaigns, a prefecture supporter to
// its bodies, a partner ministry's analyst to its survey, body staff to their newest response
// (older years are listed there).
import { useEffect } from 'react';
import { Notice } from '../components/Notice';
import { PageTitle } from '../components/PageTitle';
import { useLang } from '../i18n';
import { navigate } from '../lib/router';
import { loadMyResponses } from '../lib/myResponses';
import { hasRole, useSession } from '../lib/session';
import { useAsync } from '../lib/useAsync';

export function HomePage() {
  const { t } = useLang();
  const { user } = useSession();
  const admin = hasRole(user, 'national_admin');
  const supporter = hasRole(user, 'prefecture_supporter');
  const analyst = hasRole(user, 'partner_analyst') && !!user?.ministry;
  const elsewhere = admin || supporter || analyst;
  const mine = useAsync(
    async () => ({ responses: elsewhere || !user ? [] : await loadMyResponses(user.id) }),
    [elsewhere, user],
  );

  useEffect(() => {
    if (admin) navigate('/admin/campaigns', { replace: true });
    else if (supporter) navigate('/prefecture', { replace: true });
    else if (analyst) navigate('/partner', { replace: true });
    else if (mine.data?.responses.length) navigate(`/responses/${mine.data.responses[0].id}`, { replace: true });
  }, [admin, supporter, analyst, mine.data]);

  if (mine.loading || elsewhere || mine.data?.responses.length) return <p>{t('common.loading')}</p>;
  return (
    <>
      <PageTitle>{t('common.home')}</PageTitle>
      <Notice kind="info" title={hasRole(user, 'partner_analyst') ? t('home.analyst') : t('home.noResponse')} />
    </>
  );
}
