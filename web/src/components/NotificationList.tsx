// Notices from MIC to the user's body (reminders), shown on the body's home page until
// someone of the body marks them read.
import { api } from '../api/client';
import { useLang } from '../i18n';
import { formatTimestamp } from '../lib/format';
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
  const data = useAsync(() => api.get<{ notifications: Notice[] }>('/api/me/notifications'), []);
  const unread = (data.data?.notifications ?? []).filter((n) => !n.read_at);
  if (unread.length === 0) return null;
  return (
    <section aria-labelledby="notices-title" className="notice notice-warning">
      <h2 id="notices-title" className="text-std-18B-160">{t('progress.notices')}</h2>
      <ul className="mt-2 flex flex-col gap-3">
        {unread.map((n) => (
          <li key={n.id}>
            <p className="whitespace-pre-wrap">{n.message}</p>
            <p className="text-std-16N-170">
              {n.sender}・{formatTimestamp(n.created_at, lang)}{' '}
              <button
                type="button"
                className="btn-secondary ml-2"
                onClick={() => void api.post(`/api/me/notifications/${n.id}/read`).then(() => data.reload())}
              >
                {t('progress.markRead')}
              </button>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
