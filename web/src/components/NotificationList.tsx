// Notices from MIC to the user's body (reminders), shown on the body's home page until
// someone of the body marks them read (a read-only viewer/auditor sees them, without the button).
import { useRef, useState } from 'react';
import { api, ApiError } from '../api/client';
import { serverMessage, useLang } from '../i18n';
import { formatTimestamp } from '../lib/format';
import { hasRole, useSession } from '../lib/session';
import { useAsync } from '../lib/useAsync';

interface Notice {
  id: number;
  message: string;
  sender: string;
  created_at: string;
  read_at: string | null;
}

export function NotificationList() {
  const { t, lang } = useLang();
  const { user } = useSession();
  const mayMarkRead = hasRole(user, 'national_admin', 'prefecture_supporter', 'body_respondent', 'body_approver');
  const data = useAsync(() => api.get<{ notifications: Notice[] }>('/api/me/notifications'), []);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const unread = (data.data?.notifications ?? []).filter((n) => !n.read_at);
  const markRead = async (id: number) => {
    setError(null);
    try {
      await api.post(`/api/me/notifications/${id}/read`);
      await data.reload();
      // The button is gone with its notice: keep focus in the list (or on the page title).
      (heading.current ?? document.querySelector<HTMLElement>('h1'))?.focus();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(serverMessage(e.body, lang));
    }
  };
  if (unread.length === 0) return null;
  return (
    <section aria-labelledby="notices-title" className="notice notice-warning">
      <h2 id="notices-title" ref={heading} tabIndex={-1} className="text-std-18B-160 outline-none">{t('progress.notices')}</h2>
      {error && <p className="field-error" role="alert">{error}</p>}
      <ul className="mt-2 flex flex-col gap-3">
        {unread.map((n) => (
          <li key={n.id}>
            <p className="whitespace-pre-wrap">{n.message}</p>
            <p className="text-std-16N-170">
              {n.sender}・{formatTimestamp(n.created_at, lang)}{' '}
              {mayMarkRead && (
              <button
                type="button"
                className="btn-secondary ml-2"
                aria-label={`${t('progress.markRead')}: ${n.message.slice(0, 30)}`}
                onClick={() => void markRead(n.id)}
              >
                {t('progress.markRead')}
              </button>
              )}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
