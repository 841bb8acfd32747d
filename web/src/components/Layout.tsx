// The frame of every page: skip link, header (service name, user, language, sign-out) and
// the main landmark. The language toggle is a real button with the target language's name.
import type { ReactNode } from 'react';
import { setLanguage, useLang } from '../i18n';
import { navigate } from '../lib/router';
import { useSession } from '../lib/session';

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
      <main id="main" tabIndex={-1} className="mx-auto max-w-5xl px-4 py-6 outline-none">
        {children}
      </main>
    </>
  );
}
