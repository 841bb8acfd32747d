// The route table: which page answers which path. Signed-out users get the sign-in page on
// any path and stay on that path after signing in. The figures pages are separate chunks
// (React.lazy), so that the answering pages never load them or the charting library; entering
// one fetches the charting code at once, beside the page's data.
import { lazy, Suspense, useEffect } from 'react';
import { Layout } from './components/Layout';
import { SessionExpiredDialog } from './components/SessionExpiredDialog';
import { PageTitle } from './components/PageTitle';
import { Link } from './components/Link';
import { useLang } from './i18n';
import { loadMyResponses } from './lib/myResponses';
import { match, navigate, useLocation } from './lib/router';
import { hasRole, useSession } from './lib/session';
import { BodiesPage } from './pages/BodiesPage';
import { CampaignsPage } from './pages/CampaignsPage';
import { CategoryPage } from './pages/CategoryPage';
import { CheckAnswersPage } from './pages/CheckAnswersPage';
import { HistoryPage } from './pages/HistoryPage';
import { HomePage } from './pages/HomePage';
import { ResponseHomePage } from './pages/ResponseHomePage';
import { ReviewPage } from './pages/ReviewPage';
import { SignInPage } from './pages/SignInPage';
import { SubmitPage } from './pages/SubmitPage';
import { AccountSetupPage } from './pages/account/AccountPage';
import { ForgotPasswordPage, SetPasswordPage } from './pages/account/TokenPages';
import { preloadCharts } from './lib/prefetch';

const ResultsPage = lazy(() => import('./pages/ResultsPage'));
const NationalDashboardPage = lazy(() => import('./pages/NationalDashboardPage'));
const PrefectureDashboardPage = lazy(() => import('./pages/PrefectureDashboardPage'));
const ProgressPage = lazy(() => import('./pages/ProgressPage'));
const SignInBlocksPage = lazy(() => import('./pages/SignInBlocksPage'));
const UsersAdminPage = lazy(() => import('./pages/UsersAdminPage'));
const AuditPage = lazy(() => import('./pages/AuditPage'));
const BodyDataPage = lazy(() => import('./pages/BodyDataPage'));
const PoliciesPage = lazy(() => import('./pages/PoliciesPage'));
const PolicyBoardPage = lazy(() => import('./pages/PolicyBoardPage'));
const AccountPage = lazy(() => import('./pages/account/AccountPage'));
const PartnerHomePage = lazy(() => import('./pages/partner/PartnerHomePage'));
const PartnerCampaignPage = lazy(() => import('./pages/partner/PartnerCampaignPage'));
const ApiTokensPage = lazy(() => import('./pages/partner/ApiTokensPage'));
const CsfPage = lazy(() => import('./pages/CsfPage'));
const WorkbookPage = lazy(() => import('./pages/WorkbookPage'));

/** "/results": the results of the user's newest response. */
function MyResults() {
  const { t } = useLang();
  const { user } = useSession();
  useEffect(() => {
    if (!user) return;
    loadMyResponses(user.id).then(
      (r) => navigate(r.length ? `/responses/${r[0].id}/results` : '/', { replace: true }),
      () => navigate('/', { replace: true }),
    );
  }, [user]);
  return <p>{t('common.loading')}</p>;
}

/** An approver's view of the audit trail: the entries about the body. */
function BodyAudit() {
  const { user } = useSession();
  return user?.body_code ? <AuditPage bodyCode={user.body_code} /> : <NotFound />;
}

/** An approver's export of the own body's data. */
function OwnBodyData() {
  const { user } = useSession();
  return user?.body_code ? <BodyDataPage bodyCode={user.body_code} /> : <NotFound />;
}

/** The policy obligation of one's own body. */
function OwnPolicies() {
  const { user } = useSession();
  return user?.body_code ? <PoliciesPage bodyCode={user.body_code} /> : <NotFound />;
}

/** The pages anyone reaches without signing in (a reset, an invitation); null for others. */
function PublicPage({ path }: { path: string }) {
  if (path === '/account/forgot') return <ForgotPasswordPage />;
  if (path === '/account/reset') return <SetPasswordPage purpose="reset" />;
  if (path === '/account/invitation') return <SetPasswordPage purpose="invitation" />;
  return null;
}

function NotFound() {
  const { t } = useLang();
  return (
    <>
      <PageTitle>{t('notFound.title')}</PageTitle>
      <p className="mb-4">{t('notFound.body')}</p>
      <Link href="/">{t('common.home')}</Link>
    </>
  );
}

function Page({ path }: { path: string }) {
  const { user } = useSession();
  let m: Record<string, string> | null;
  if (path === '/') return <HomePage />;
  if ((m = match('/responses/:id', path))) return <ResponseHomePage key={m.id} id={Number(m.id)} />;
  if ((m = match('/responses/:id/categories/:n', path))) return <CategoryPage key={path} id={Number(m.id)} n={Number(m.n)} />;
  if ((m = match('/responses/:id/categories/:n/check', path))) return <CheckAnswersPage key={path} id={Number(m.id)} n={Number(m.n)} />;
  if ((m = match('/responses/:id/check', path))) return <CheckAnswersPage key={path} id={Number(m.id)} />;
  if ((m = match('/responses/:id/review', path))) return <ReviewPage key={path} id={Number(m.id)} />;
  if ((m = match('/responses/:id/submit', path))) return <SubmitPage key={path} id={Number(m.id)} />;
  // A figures page: its chart code is fetched beside the page's own code and data.
  if ((m = match('/responses/:id/results', path))) {
    preloadCharts();
    return <ResultsPage key={path} id={Number(m.id)} />;
  }
  if (path === '/results') return <MyResults />;
  if ((m = match('/responses/:id/csf', path))) return <CsfPage key={path} id={Number(m.id)} />;
  if ((m = match('/responses/:id/excel', path))) return <WorkbookPage key={path} id={Number(m.id)} />;
  if (path === '/admin/analytics') {
    preloadCharts();
    return <NationalDashboardPage />;
  }
  if (path === '/prefecture/analytics') {
    preloadCharts();
    return <PrefectureDashboardPage />;
  }
  if ((m = match('/responses/:id/answers/:qid/history', path))) return <HistoryPage key={path} id={Number(m.id)} qid={m.qid} />;
  if (path === '/admin/campaigns') return <CampaignsPage />;
  if (path === '/admin/sign-in-blocks') return <SignInBlocksPage />;
  if (path === '/admin/users') return <UsersAdminPage />;
  if (path === '/admin/audit') return <AuditPage />;
  if (path === '/audit') return <BodyAudit />;
  if (path === '/data') return <OwnBodyData />;
  if (path === '/policies') return <OwnPolicies />;
  if (path === '/admin/policy-board' || path === '/prefecture/policy-board')
    return <PolicyBoardPage mayRemind={hasRole(user, 'national_admin')} />;
  if ((m = match('/bodies/:code/policies', path))) return <PoliciesPage key={path} bodyCode={m.code} />;
  if (path === '/admin/body-data') return <BodyDataPage />;
  if (path === '/account') return <AccountPage />;
  if ((m = match('/admin/campaigns/:id', path))) return <BodiesPage key={path} campaignId={Number(m.id)} />;
  if ((m = match('/admin/campaigns/:id/progress', path))) return <ProgressPage key={path} campaignId={Number(m.id)} />;
  if (path === '/prefecture') return <BodiesPage />;
  if (path === '/partner') return <PartnerHomePage />;
  if (path === '/partner/tokens') return <ApiTokensPage />;
  if ((m = match('/partner/campaigns/:id', path))) return <PartnerCampaignPage key={path} id={Number(m.id)} />;
  return <NotFound />;
}

export function App() {
  const { t } = useLang();
  const { user, loading } = useSession();
  const { path, search } = useLocation();
  return (
    <Layout>
      {loading ? (
        <p>{t('common.loading')}</p>
      ) : path.startsWith('/account/') && PublicPage({ path }) ? (
        <PublicPage path={path} />
      ) : user?.setup_required ? (
        <AccountSetupPage />
      ) : user ? (
        <Suspense fallback={<p>{t('common.loading')}</p>}>
          <Page path={path} />
        </Suspense>
      ) : (
        <SignInPage signedOut={search.has('signed_out')} />
      )}
      <SessionExpiredDialog />
    </Layout>
  );
}
