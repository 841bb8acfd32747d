// What a page shows when its data cannot be loaded: the server's message, in the user's
// language (a hidden or missing response gives the same 「指定されたものは見つかりません。」).
import type { ApiError } from '../api/client';
import { Notice } from '../components/Notice';
import { PageTitle } from '../components/PageTitle';
import { serverMessage, useLang } from '../i18n';

export function LoadError({ error }: { error: ApiError }) {
  const { t, lang } = useLang();
  return (
    <>
      <PageTitle>{error.status === 404 ? t('notFound.title') : t('common.error')}</PageTitle>
      <Notice kind="error" title={serverMessage(error.body, lang)} />
    </>
  );
}
