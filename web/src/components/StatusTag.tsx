// Task-list status of a category (未着手 / 入力中 / 差戻し / 入力完了; defined once in
// docs/ARCHITECTURE.md, "Status words") and the state of a response.
import type { CategoryStatus, ResponseState } from '../api/types';
import { useLang } from '../i18n';

export function CategoryStatusTag({ status }: { status: CategoryStatus }) {
  const { t } = useLang();
  return <span className={`tag tag-${status}`}>{t(`categoryStatus.${status}`)}</span>;
}

export function ResponseStateTag({ state, locked }: { state: ResponseState; locked?: boolean }) {
  const { t } = useLang();
  return (
    <span className={`tag tag-state-${state}`}>
      {t(`states.${state}`)}
      {locked ? ` / ${t('states.locked')}` : ''}
    </span>
  );
}
