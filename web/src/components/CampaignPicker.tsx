// Chooses which campaign a figures page shows: a labelled select and a "show" button.
import type { Campaign } from '../api/types';
import { useLang } from '../i18n';
import { Field } from './Field';

export function CampaignPicker({ id, campaigns, current, onChoose }: {
  id: string;
  campaigns: Campaign[];
  current: number;
  onChoose(campaignId: number): void;
}) {
  const { t } = useLang();
  return (
    <form
      className="mb-6 flex flex-wrap items-end gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        onChoose(Number(new FormData(e.currentTarget).get('campaign')));
      }}
    >
      <Field id={id} label={t('nationalDash.campaign')}>
        <select id={id} name="campaign" className="input" defaultValue={current}>
          {campaigns.map((c) => (
            <option key={c.id} value={c.id}>{c.title}</option>
          ))}
        </select>
      </Field>
      <button type="submit" className="btn-secondary">{t('nationalDash.show')}</button>
    </form>
  );
}
