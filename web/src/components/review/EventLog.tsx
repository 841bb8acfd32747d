// The record of workflow steps on a response, oldest first.
import type { ResponseEvent } from '../../api/types';
import { useLang } from '../../i18n';
import { formatTimestamp } from '../../lib/format';

export function EventLog({ events }: { events: ResponseEvent[] }) {
  const { t, lang } = useLang();
  return (
    <section className="mt-8" aria-labelledby="events">
      <h2 id="events" className="mb-2 text-std-24B-150">{t('review.events')}</h2>
      <ol className="list-decimal pl-6">
        {events.map((e, i) => (
          <li key={i}>
            {formatTimestamp(e.at, lang)} {e.user} — {t(`events.${e.action}`, { defaultValue: e.action })}
            {e.category ? ` (${e.category})` : ''}
            {e.comment ? `: ${e.comment}` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}
