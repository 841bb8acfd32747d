// The policy obligation of one body (docs/POLICIES.md): its organs as a task list with each
// one's status (未策定 / 策定中 / 策定済み / 公表済み) and scope, its 方針 with reviews, and
// its security roles (権限・責任等一覧表). The body's approver changes them; anyone who may
// read the body reads them; MIC approves an organ's individual scope decision.
import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api/client';
import type { BodyPolicies, BodyPolicy, Organ, OrganScope, PublicationCheck, RoleHolder, SecurityRole } from '../api/types';
import { ErrorSummary, type FieldError } from '../components/ErrorSummary';
import { Field, errorProps } from '../components/Field';
import { Notice, StatusArea, useActionResult } from '../components/Notice';
import { PageTitle } from '../components/PageTitle';
import { TableScroll } from '../components/TableScroll';
import { serverMessage, useLang } from '../i18n';
import { hasRole, useSession } from '../lib/session';
import { formatTimestamp } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { LoadError } from './LoadError';

const ROLES: SecurityRole[] = ['ciso', 'chief_officer', 'officer', 'manager', 'system_admin', 'csirt', 'csirt_contact'];

interface PolicyForm {
  title: string;
  version: string;
  basis: 'new' | 'existing_reviewed';
  state: 'drafting' | 'adopted';
  adopted_on: string;
  effective_on: string;
  approving_organ: string;
  publication_url: string;
  published_on: string;
  review_months: string;
  organs: number[];
}

const EMPTY: PolicyForm = {
  title: '',
  version: '',
  basis: 'new',
  state: 'drafting',
  adopted_on: '',
  effective_on: '',
  approving_organ: '',
  publication_url: '',
  published_on: '',
  review_months: '12',
  organs: [],
};

function formOf(p: BodyPolicy): PolicyForm {
  return {
    title: p.title,
    version: p.version,
    basis: p.basis,
    state: p.state,
    adopted_on: p.adopted_on ?? '',
    effective_on: p.effective_on ?? '',
    approving_organ: p.approving_organ ? String(p.approving_organ) : '',
    publication_url: p.publication_url,
    published_on: p.published_on ?? '',
    review_months: String(p.review_months),
    organs: p.organs,
  };
}

/** The request body of a policy form: empty texts are "none". */
function bodyOf(f: PolicyForm) {
  const orNull = (s: string) => (s.trim() ? s.trim() : null);
  return {
    title: f.title.trim(),
    version: f.version.trim(),
    basis: f.basis,
    state: f.state,
    adopted_on: orNull(f.adopted_on),
    effective_on: orNull(f.effective_on),
    approving_organ: f.approving_organ ? Number(f.approving_organ) : null,
    publication_url: f.publication_url.trim(),
    published_on: orNull(f.published_on),
    review_months: Number(f.review_months) || 0,
    organs: f.organs,
  };
}

function PolicyEditor({ code, organs, editing, onDone }: {
  code: string;
  organs: Organ[];
  editing: BodyPolicy | null;
  onDone(message: string): void;
}) {
  const { t, lang } = useLang();
  const [f, setF] = useState<PolicyForm>(editing ? formOf(editing) : EMPTY);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const id = (name: string) => `policy-${name}`;
  const errorOf = (name: string) => errors.find((e) => e.fieldId === id(name))?.message;
  const described = (name: string, hinted = false) => errorProps(id(name), errorOf(name), hinted);
  // Opened by a button that then disappears: focus moves to the form's heading.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      if (editing) await api.put(`/api/bodies/${code}/policies/${editing.id}`, { ...bodyOf(f), revision: editing.revision });
      else await api.post(`/api/bodies/${code}/policies`, bodyOf(f));
      setErrors([]);
      setError('');
      onDone(t(editing ? 'policies.updated' : 'policies.created'));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setErrors(
        Object.entries(err.body.fields).map(([k, m]) => ({
          fieldId: id(k),
          label: t(`policies.field.${k}`, { defaultValue: k }),
          message: serverMessage(m, lang),
        })),
      );
      setError(serverMessage(err.body, lang));
      setFocusKey((k) => k + 1);
    } finally {
      setBusy(false);
    }
  };
  const text = (name: keyof PolicyForm, type = 'text', required = false, hint?: string) => (
    <div className="mb-3">
      <Field id={id(name)} label={t(`policies.field.${name}`)} required={required} hint={hint} error={errorOf(name)}>
        <input
          id={id(name)}
          type={type}
          className="input w-full max-w-md"
          value={f[name] as string}
          onChange={(e) => setF({ ...f, [name]: e.target.value })}
          {...described(name, hint !== undefined)}
        />
      </Field>
    </div>
  );
  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-labelledby="policy-form-title" className="mb-8">
      <h2 id="policy-form-title" className="text-std-20B-150 mb-2" ref={heading} tabIndex={-1}>
        {editing ? t('policies.editTitle', { title: editing.title }) : t('policies.newTitle')}
      </h2>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      {error && errors.length === 0 && <Notice kind="error" title={error} />}
      {text('title', 'text', true)}
      {text('version')}
      <fieldset className="mb-3" id={id('organs')} tabIndex={-1} aria-describedby={errorOf('organs') ? `${id('organs')}-error` : undefined}>
        <legend className="text-std-16B-170">
          {t('policies.field.organs')}
          <span className="required-mark">{t('common.required')}</span>
        </legend>
        <p className="mb-1">{t('policies.organsHint')}</p>
        {errorOf('organs') && (
          <p id={`${id('organs')}-error`} className="field-error">
            {errorOf('organs')}
          </p>
        )}
        {organs
          .filter((o) => o.scope !== 'excluded')
          .map((o) => (
            <div key={o.id}>
              <label>
                <input
                  type="checkbox"
                  className="mr-2"
                  checked={f.organs.includes(o.id)}
                  onChange={(e) =>
                    setF({ ...f, organs: e.target.checked ? [...f.organs, o.id] : f.organs.filter((x) => x !== o.id) })
                  }
                />
                {o.name}
              </label>
            </div>
          ))}
      </fieldset>
      <div className="mb-3">
        <Field id={id('basis')} label={t('policies.field.basis')} required error={errorOf('basis')}>
          <select
            id={id('basis')}
            className="input"
            value={f.basis}
            {...described('basis')}
            onChange={(e) => setF({ ...f, basis: e.target.value as PolicyForm['basis'] })}
          >
            <option value="new">{t('policies.basis.new')}</option>
            <option value="existing_reviewed">{t('policies.basis.existing_reviewed')}</option>
          </select>
        </Field>
      </div>
      <div className="mb-3">
        <Field id={id('state')} label={t('policies.field.state')} required hint={t('policies.stateHint')} error={errorOf('state')}>
          <select
            id={id('state')}
            className="input"
            {...described('state', true)}
            value={f.state}
            onChange={(e) => setF({ ...f, state: e.target.value as PolicyForm['state'] })}
          >
            <option value="drafting">{t('policies.state.drafting')}</option>
            <option value="adopted">{t('policies.state.adopted')}</option>
          </select>
        </Field>
      </div>
      {text('adopted_on', 'date')}
      {text('effective_on', 'date')}
      <div className="mb-3">
        <Field id={id('approving_organ')} label={t('policies.field.approving_organ')} error={errorOf('approving_organ')}>
          <select
            id={id('approving_organ')}
            className="input"
            {...described('approving_organ')}
            value={f.approving_organ}
            onChange={(e) => setF({ ...f, approving_organ: e.target.value })}
          >
            <option value="">{t('policies.none')}</option>
            {organs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {text('publication_url', 'url', false, t('policies.publicationHint'))}
      {text('published_on', 'date')}
      {text('review_months', 'number', true)}
      <button type="submit" className="btn-primary" disabled={busy}>
        {editing ? t('policies.save') : t('policies.create')}
      </button>
    </form>
  );
}

function ScopeEditor({ code, organ, onDone }: { code: string; organ: Organ; onDone(message: string): void }) {
  const { t, lang } = useLang();
  const [scope, setScope] = useState<OrganScope>(organ.scope);
  const [basis, setBasis] = useState(organ.scope_basis);
  const [error, setError] = useState('');
  const [general, setGeneral] = useState('');
  const fid = `scope-${organ.id}`;
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      await api.put(`/api/bodies/${code}/organs/${organ.id}/scope`, { scope, basis });
      setError('');
      setGeneral('');
      onDone(t('policies.scopeSaved', { name: organ.name }));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const field = err.body.fields.basis;
      setError(field ? serverMessage(field, lang) : '');
      const other = err.body.fields.scope;
      setGeneral(field ? '' : serverMessage(other ?? err.body, lang));
    }
  };
  return (
    <form noValidate onSubmit={(e) => void save(e)} className="mt-2 flex flex-wrap items-end gap-3">
      {general && <Notice kind="error" title={general} />}
      <Field id={`${fid}-scope`} label={t('policies.scopeOf', { name: organ.name })}>
        <select ref={first} id={`${fid}-scope`} className="input" value={scope} onChange={(e) => setScope(e.target.value as OrganScope)}>
          {(['required', 'excluded', 'individual'] as OrganScope[]).map((s) => (
            <option key={s} value={s}>
              {t(`policies.scope.${s}`)}
            </option>
          ))}
        </select>
      </Field>
      {scope !== 'required' && (
        <Field id={`${fid}-basis`} label={t(scope === 'excluded' ? 'policies.basisLegal' : 'policies.basisReason')} required error={error || undefined}>
          <input
            id={`${fid}-basis`}
            className="input w-full max-w-md"
            value={basis}
            {...errorProps(`${fid}-basis`, error || undefined)}
            onChange={(e) => setBasis(e.target.value)}
          />
        </Field>
      )}
      <button type="submit" className="btn-secondary">
        {t('policies.saveScope')}
      </button>
    </form>
  );
}

function Organs({ data, code, mayGovern: governs, mayApprove, onDone }: {
  data: BodyPolicies;
  code: string;
  mayGovern: boolean;
  mayApprove: boolean;
  onDone(message: string): void;
}) {
  const { t, lang } = useLang();
  const [open, setOpen] = useState<number | null>(null);
  const [error, setError] = useState('');
  const mayGovern = governs && data.registered;
  const register = async () => {
    try {
      await api.post(`/api/bodies/${code}/organs/register`);
      onDone(t('policies.registeredDone'));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(serverMessage(err.body, lang));
    }
  };
  const approve = async (o: Organ) => {
    try {
      await api.post(`/api/bodies/${code}/organs/${o.id}/approve`);
      onDone(t('policies.approved', { name: o.name }));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(serverMessage(err.body, lang));
    }
  };
  return (
    <section aria-labelledby="organs-title" className="mb-8">
      <h2 id="organs-title" className="text-std-20B-150 mb-2">
        {t('policies.organsTitle')}
      </h2>
      {error && <Notice kind="error" title={error} />}
      {!data.registered && (
        <Notice kind="info" title={t('policies.notRegistered')}>
          {governs && (
            <button type="button" className="btn-primary mt-2" onClick={() => void register()}>
              {t('policies.register')}
            </button>
          )}
        </Notice>
      )}
      <ul className="task-list">
        {data.organs.map((o) => (
          <li key={`${o.id}-${o.name}`} className="task-list-item flex-col sm:flex-row">
            <div className="flex-1">
              <span className="text-std-16B-170">{o.name}</span>
              {o.scope !== 'required' && (
                <p className="text-dns-14N-130">
                  {t(`policies.scope.${o.scope}`)}：{o.scope_basis}
                  {o.scope === 'individual' &&
                    (o.approved_by ? t('policies.approvedBy', { name: o.approved_by }) : t('policies.awaitingApproval'))}
                </p>
              )}
              {mayGovern && open === o.id && <ScopeEditor code={code} organ={o} onDone={(m) => { setOpen(null); onDone(m); }} />}
            </div>
            <div className="flex flex-wrap items-center gap-2">
              {o.counted ? (
                <span className={`tag tag-organ-${o.status}`}>{t(`policies.status.${o.status}`)}</span>
              ) : (
                <span className="tag tag-organ-excluded">{t('policies.notCounted')}</span>
              )}
              {mayGovern && open !== o.id && (
                <button type="button" className="btn-secondary" onClick={() => setOpen(o.id)}>
                  {t('policies.changeScope')}
                  <span className="sr-only">（{o.name}）</span>
                </button>
              )}
              {mayApprove && o.scope === 'individual' && !o.approved_by && (
                <button type="button" className="btn-secondary" onClick={() => void approve(o)}>
                  {t('policies.approve')}
                  <span className="sr-only">（{o.name}）</span>
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What the last check of a policy's publication page found, with when. */
function CheckResult({ check }: { check: PublicationCheck | null }) {
  const { t, lang } = useLang();
  if (!check) return <>{t('policies.check.none')}</>;
  return (
    <>
      {check.failing && <span className="tag tag-overdue">{t('policies.check.attention')}</span>}{' '}
      {t(`policies.check.${check.outcome}`, { code: String(check.status_code) })}
      <span className="block text-dns-14N-130">{t('policies.check.at', { date: formatTimestamp(check.checked_at, lang) })}</span>
    </>
  );
}

/** Asks the server to fetch a published policy's page now. */
/** Asks for a check now; `onChecked` gets what the check found (the page shows it). */
function CheckNow({ code, policy, onChecked, onError }: {
  code: string;
  policy: BodyPolicy;
  onChecked(c: PublicationCheck): void;
  onError(m: string): void;
}) {
  const { t, lang } = useLang();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      onChecked(await api.post<PublicationCheck>(`/api/bodies/${code}/policies/${policy.id}/publication-check`, {}));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      onError(serverMessage(err.body, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="btn-secondary mt-2 ml-2" onClick={() => void run()} disabled={busy} aria-busy={busy}>
      {t('policies.check.now')}
      <span className="sr-only">（{policy.title}）</span>
    </button>
  );
}

function Policies({ data, code, mayGovern, onEdit, onChecked, onError }: {
  data: BodyPolicies;
  code: string;
  mayGovern: boolean;
  onEdit(p: BodyPolicy): void;
  onChecked(c: PublicationCheck): void;
  onError(m: string): void;
}) {
  const { t } = useLang();
  const names = new Map(data.organs.map((o) => [o.id, o.name]));
  return (
    <section aria-labelledby="policies-title" className="mb-8">
      <h2 id="policies-title" className="text-std-20B-150 mb-2">
        {t('policies.policiesTitle')}
      </h2>
      {data.policies.length === 0 ? (
        <p>{t('policies.noPolicies')}</p>
      ) : (
        data.policies.map((p) => (
          <article key={p.id} className="mb-4 border-b border-solid-gray-420 pb-4" aria-labelledby={`policy-${p.id}-title`}>
            <h3 id={`policy-${p.id}-title`} className="text-std-17B-170">
              {p.title} {p.version && <span className="text-std-16N-170">（{p.version}）</span>}
            </h3>
            <dl className="summary-list">
              <div>
                <dt>{t('policies.field.state')}</dt>
                <dd>{p.published ? t('policies.status.published') : t(`policies.state.${p.state}`)}</dd>
              </div>
              <div>
                <dt>{t('policies.field.organs')}</dt>
                <dd>{p.organs.map((id) => names.get(id) ?? id).join('、')}</dd>
              </div>
              <div>
                <dt>{t('policies.field.basis')}</dt>
                <dd>{t(`policies.basis.${p.basis}`)}</dd>
              </div>
              <div>
                <dt>{t('policies.field.adopted_on')}</dt>
                <dd>{p.adopted_on ?? '—'}</dd>
              </div>
              <div>
                <dt>{t('policies.field.publication_url')}</dt>
                <dd className="break-all">{p.publication_url ? `${p.publication_url}（${p.published_on}）` : '—'}</dd>
              </div>
              {p.published && (
                <div>
                  <dt>{t('policies.check.label')}</dt>
                  <dd>
                    <CheckResult check={p.publication_check} />
                  </dd>
                </div>
              )}
              <div>
                <dt>{t('policies.reviewDue')}</dt>
                <dd>
                  {p.review_due ?? '—'} {p.review_overdue && <span className="tag tag-overdue">{t('policies.overdue')}</span>}
                </dd>
              </div>
            </dl>
            {mayGovern && (
              <button type="button" className="btn-secondary mt-2" onClick={() => onEdit(p)}>
                {t('policies.edit')}
                <span className="sr-only">（{p.title}）</span>
              </button>
            )}
            {mayGovern && p.published && <CheckNow code={code} policy={p} onChecked={onChecked} onError={onError} />}
          </article>
        ))
      )}
    </section>
  );
}

function EndRole({ code, holder, onDone }: { code: string; holder: RoleHolder; onDone(m: string): void }) {
  const { t, lang } = useLang();
  const [until, setUntil] = useState('');
  const [error, setError] = useState('');
  const fid = `end-role-${holder.id}`;
  const end = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      await api.post(`/api/bodies/${code}/security-roles/${holder.id}/end`, { until });
      onDone(t('policies.roleEnded', { name: holder.person }));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const field = err.body.fields.until;
      setError(serverMessage(field ?? err.body, lang));
    }
  };
  return (
    <form noValidate onSubmit={(e) => void end(e)} className="flex flex-wrap items-end gap-2">
      <Field id={fid} label={t('policies.until', { name: holder.person })} error={error || undefined}>
        <input id={fid} type="date" className="input" value={until} onChange={(e) => setUntil(e.target.value)} {...errorProps(fid, error || undefined)} />
      </Field>
      <button type="submit" className="btn-secondary">
        {t('policies.endRole')}
        <span className="sr-only">（{holder.person}）</span>
      </button>
    </form>
  );
}

function Roles({ data, code, mayGovern, onDone }: { data: BodyPolicies; code: string; mayGovern: boolean; onDone(m: string): void }) {
  const { t, lang } = useLang();
  const [f, setF] = useState({ role: 'ciso' as SecurityRole, person: '', title: '', department: '', contact: '', since: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      await api.post(`/api/bodies/${code}/security-roles`, f);
      setErrors({});
      setF({ ...f, person: '', title: '', department: '', contact: '', since: '' });
      onDone(t('policies.roleAdded'));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const out: Record<string, string> = {};
      for (const [k, m] of Object.entries(err.body.fields)) out[k] = serverMessage(m, lang);
      if (!Object.keys(out).length) out.person = serverMessage(err.body, lang);
      setErrors(out);
    }
  };
  const today = new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10);  // Japan
  const current = (r: RoleHolder) => !r.until || r.until >= today;
  return (
    <section aria-labelledby="roles-title" className="mb-8">
      <h2 id="roles-title" className="text-std-20B-150 mb-2">
        {t('policies.rolesTitle')}
      </h2>
      <p className="mb-2 max-w-3xl">{t('policies.rolesIntro')}</p>
      {data.roles.length === 0 ? (
        <p>{t('policies.noRoles')}</p>
      ) : (
        <TableScroll label={t('policies.rolesTitle')}>
          <table className="table">
            <caption className="sr-only">{t('policies.rolesTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('policies.role.label')}</th>
                <th scope="col">{t('policies.person')}</th>
                <th scope="col">{t('policies.roleTitle')}</th>
                <th scope="col">{t('policies.department')}</th>
                <th scope="col">{t('policies.term')}</th>
                {mayGovern && <th scope="col">{t('policies.endRole')}</th>}
              </tr>
            </thead>
            <tbody>
              {data.roles.map((r) => (
                <tr key={r.id}>
                  <td>{t(`policies.role.${r.role}`)}</td>
                  <td>{r.person}</td>
                  <td>{r.title}</td>
                  <td>{r.department}</td>
                  <td>
                    {r.since} 〜 {r.until ?? t('policies.now')}
                    {!current(r) && <span className="sr-only">{t('policies.past')}</span>}
                  </td>
                  {mayGovern && <td>{!r.until && <EndRole code={code} holder={r} onDone={onDone} />}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {mayGovern && (
        <form noValidate onSubmit={(e) => void add(e)} aria-labelledby="role-form-title" className="mt-4">
          <h3 id="role-form-title" className="text-std-17B-170 mb-2">
            {t('policies.addRole')}
          </h3>
          <div className="mb-3">
            <Field id="role-role" label={t('policies.role.label')} required error={errors.role}>
              <select
                id="role-role"
                className="input"
                value={f.role}
                {...errorProps('role-role', errors.role)}
                onChange={(e) => setF({ ...f, role: e.target.value as SecurityRole })}
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`policies.role.${r}`)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          {(['person', 'title', 'department', 'contact', 'since'] as const).map((k) => (
            <div className="mb-3" key={k}>
              <Field id={`role-${k}`} label={t(k === 'title' ? 'policies.roleTitle' : `policies.${k}`)} required={k === 'person' || k === 'since'} error={errors[k]}>
                <input
                  id={`role-${k}`}
                  type={k === 'since' ? 'date' : 'text'}
                  className="input w-full max-w-md"
                  value={f[k]}
                  {...errorProps(`role-${k}`, errors[k])}
                  onChange={(e) => setF({ ...f, [k]: e.target.value })}
                />
              </Field>
            </div>
          ))}
          <button type="submit" className="btn-secondary">
            {t('policies.addRole')}
          </button>
        </form>
      )}
    </section>
  );
}

export default function PoliciesPage({ bodyCode }: { bodyCode: string }) {
  const { t } = useLang();
  const { user } = useSession();
  const data = useAsync(() => api.get<BodyPolicies>(`/api/bodies/${bodyCode}/policies`), [bodyCode]);
  const [result, focusKey, setResult] = useActionResult();
  const [editing, setEditing] = useState<BodyPolicy | null | 'new'>(null);
  const mayGovern = hasRole(user, 'body_approver') && user?.body_code === bodyCode;
  const mayApprove = hasRole(user, 'national_admin');
  if (data.error) return <LoadError error={data.error} />;
  if (!data.data) return <p>{t('common.loading')}</p>;
  const d = data.data;
  const done = (message: string) => {
    setEditing(null);
    setResult({ kind: 'success', text: message });
    void data.reload();
  };
  return (
    <>
      <PageTitle>{t('policies.title')}</PageTitle>
      <p className="mb-4 max-w-3xl">{t('policies.intro')}</p>
      <StatusArea result={result} focusKey={focusKey} />
      <dl className="summary-list mb-6">
        <div>
          <dt>{t('policies.required')}</dt>
          <dd>{d.required}</dd>
        </div>
        <div>
          <dt>{t('policies.adoptedCount')}</dt>
          <dd>
            {d.adopted} / {d.required}
          </dd>
        </div>
        <div>
          <dt>{t('policies.publishedCount')}</dt>
          <dd>
            {d.published} / {d.required}
          </dd>
        </div>
      </dl>
      {!d.structure && <Notice kind="warning" title={t('policies.noStructure')} />}
      <Organs data={d} code={bodyCode} mayGovern={mayGovern} mayApprove={mayApprove} onDone={done} />
      <Policies
        data={d}
        code={bodyCode}
        mayGovern={mayGovern && d.registered}
        onEdit={(p) => setEditing(p)}
        onChecked={(c) => {
          // What the check found, as the page then shows it; an open form stays as it is.
          const found = t(`policies.check.${c.outcome}`, { code: String(c.status_code) });
          setResult({ kind: c.failing ? 'error' : 'success', text: `${t('policies.check.done')} ${found}` });
          void data.reload();
        }}
        onError={(text) => setResult({ kind: 'error', text })}
      />
      {mayGovern &&
        d.registered &&
        (editing ? (
          <PolicyEditor
            key={editing === 'new' ? 'new' : editing.id}
            code={bodyCode}
            organs={d.organs}
            editing={editing === 'new' ? null : editing}
            onDone={done}
          />
        ) : (
          <button type="button" className="btn-primary mb-8" onClick={() => setEditing('new')}>
            {t('policies.newTitle')}
          </button>
        ))}
      <Roles data={d} code={bodyCode} mayGovern={mayGovern} onDone={done} />
    </>
  );
}
