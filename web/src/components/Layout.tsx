// The frame of every page: skip link, header (service name, user, language, sign-out) and
// the main landmark. The language toggle is a real button with the target language's name.
import type { ReactNode } from 'react';
import { setLanguage, useLang } from '../i18n';
import { navigate, useLocation } from '../lib/router';
import { hasRole, useSession } from '../lib/session';
import { Link } from './Link';

/** The main places of each role, shown under the header. */
function SiteNav() {
  const { t } = useLang();
  const { user } = useSession();
  const { path } = useLocation();
  if (!user || user.setup_required) return null;
  const links: [string, string][] = hasRole(user, 'national_admin')
    ? [
        ['/admin/campaigns', t('nav.campaigns')],
        ['/admin/analytics', t('nav.national')],
        ['/admin/users', t('nav.users')],
        ['/admin/audit', t('nav.audit')],
        ['/admin/body-data', t('nav.bodyData')],
        ['/admin/policy-board', t('nav.policyBoard')],
        ['/admin/sign-in-blocks', t('nav.signInBlocks')],
      ]
    : hasRole(user, 'prefecture_supporter')
      ? [['/prefecture', t('nav.bodies')], ['/prefecture/analytics', t('nav.prefecture')], ['/prefecture/policy-board', t('nav.policyBoard')]]
      : hasRole(user, 'body_approver')
        ? [['/', t('nav.answer')], ['/results', t('nav.results')], ['/policies', t('nav.policies')], ['/audit', t('nav.audit')], ['/data', t('nav.bodyData')]]
        : hasRole(user, 'body_respondent', 'body_viewer')
          ? [['/', t('nav.answer')], ['/results', t('nav.results')]]
          : hasRole(user, 'partner_analyst')
            ? [['/partner', t('nav.partner')], ['/admin/campaigns', t('nav.campaigns')], ['/partner/tokens', t('nav.tokens')]]
            : [];
  if (!links.length) return null;
  const current = (href: string) =>
    href === '/' ? !path.endsWith('/results') && path !== '/results' : path === href || (href === '/results' && path.endsWith('/results'));
  return (
    <nav className="site-nav" aria-label={t('nav.label')}>
      <ul className="mx-auto flex max-w-5xl flex-wrap gap-6 px-4 py-2">
        {links.map(([href, label]) => (
          <li key={href}>
            <Link href={href} aria-current={current(href) ? 'page' : undefined}>
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t, lang } = useLang();
  const { user, signOut } = useSession();
  return (
    <>
      <a href="#main" className="skip-link">
        {t('app.skip')}
      </a>
      <header className="border-b border-solid-gray-420 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-4 px-4 py-3">
          <a href="/" className="link text-std-20B-150 !no-underline" onClick={(e) => { e.preventDefault(); navigate('/'); }}>
            {t('app.name')}
          </a>
          <div className="ml-auto flex flex-wrap items-center gap-3">
            {user && <span className="text-std-16N-170">{t('header.signedInAs', { name: user.display_name })}</span>}
            {user && !user.setup_required && <Link href="/account">{t('header.account')}</Link>}
            <button
              type="button"
              className="btn-secondary"
              lang={lang === 'ja' ? 'en' : 'ja'}
              aria-label={t('header.languageLabel')}
              onClick={() => setLanguage(lang === 'ja' ? 'en' : 'ja')}
            >
              {t('header.language')}
            </button>
            {user && (
              <button
                type="button"
                className="btn-secondary"
                onClick={() => void signOut().then(() => navigate('/?signed_out=1'))}
              >
                {t('header.signOut')}
              </button>
            )}
          </div>
        </div>
      </header>
      <SiteNav />
      <main id="main" tabIndex={-1} className="mx-auto max-w-5xl px-4 py-6 outline-none">
        {children}
      </main>
    </>
  );
}
