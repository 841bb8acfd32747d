// MIC's administrator: the accounts of a body (or the national ones), inviting a new one,
// disabling and enabling, changing roles and an auditor's expiry, and resetting a password
// or a second factor. Each change ends that person's sessions at once (the server does it) and
// is recorded in the audit trail. Without SMTP, an invitation or a reset gives a one-time link
// to hand over, shown once here.
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import type { Account, Role, TokenDelivery } from '../api/types';
import { Field } from '../components/Field';
import { Notice, StatusArea, useActionResult } from '../components/Notice';
import { PageTitle } from '../components/PageTitle';
import { TableScroll } from '../components/TableScroll';
import { serverMessage, useLang } from '../i18n';
import { useAsync } from '../lib/useAsync';

const ROLES: Role[] = ['body_respondent', 'body_approver', 'body_viewer', 'prefecture_supporter', 'national_admin', 'partner_analyst'];

function Invite({ body, onDone }: { body: string; onDone(d: TokenDelivery, login: string): void }) {
  const { t, lang } = useLang();
  const [f, setF] = useState({ login: '', display_name: '', email: '', role: 'body_respondent' as Role, expires: '' });
  const [error, setError] = useState('');
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      const d = await api.post<TokenDelivery>('/api/admin/users', {
        login: f.login,
        display_name: f.display_name,
        body_code: body,
        email: f.email,
        roles: [f.role],
        expires_at: f.expires ? `${f.expires}T15:00:00Z` : null,
      });
      setError('');
      onDone(d, f.login);
      setF({ ...f, login: '', display_name: '', email: '', expires: '' });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(serverMessage(err.body, lang));
    }
  };
  const field = (name: 'login' | 'display_name' | 'email' | 'expires', type = 'text', required = true) => (
    <div className="mb-3">
      <Field id={`invite-${name}`} label={t(`users.${name}`)} required={required}>
        <input
          id={`invite-${name}`}
          type={type}
          className="input w-full max-w-md"
          value={f[name]}
          onChange={(e) => setF({ ...f, [name]: e.target.value })}
        />
      </Field>
    </div>
  );
  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-labelledby="invite-title" className="mb-8">
      <h2 id="invite-title" className="text-std-20B-150 mb-2">
        {t('users.inviteTitle')}
      </h2>
      {error && <Notice kind="error" title={error} />}
      {field('login')}
      {field('display_name')}
      {field('email', 'email', false)}
      <div className="mb-3">
        <Field id="invite-role" label={t('users.role')} required>
          <select id="invite-role" className="input" value={f.role} onChange={(e) => setF({ ...f, role: e.target.value as Role })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {field('expires', 'date', false)}
      <button type="submit" className="btn-primary">
        {t('users.invite')}
      </button>
    </form>
  );
}

export default function UsersAdminPage() {
  const { t, lang } = useLang();
  const [body, setBody] = useState('');
  const [shown, setShown] = useState('');
  const data = useAsync(() => api.get<{ users: Account[] }>(`/api/admin/users${shown ? `?body=${shown}` : ''}`), [shown]);
  const [notice, noticeKey, setNotice] = useActionResult();
  const [busy, setBusy] = useState(false);

  const act = async (run: () => Promise<string>) => {
    setBusy(true);
    setNotice(null);
    try {
      setNotice({ kind: 'success', text: await run() });
      await data.reload();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setNotice({ kind: 'error', text: serverMessage(e.body, lang) });
    } finally {
      setBusy(false);
    }
  };
  const delivered = (d: TokenDelivery, login: string) =>
    d.mailed ? t('users.mailed', { login }) : t('users.linkShown', { login, link: d.link ?? '' });
  const change = (u: Account, body: object, done: string) =>
    act(async () => {
      await api.patch(`/api/admin/users/${u.id}`, body);
      return done;
    });

  const users = data.data?.users;
  return (
    <>
      <PageTitle>{t('users.title')}</PageTitle>
      <p className="mb-4 max-w-3xl">{t('users.intro')}</p>
      <form
        className="mb-6 flex gap-2 items-end"
        onSubmit={(e) => {
          e.preventDefault();
          setShown(body.trim());
        }}
      >
        <div>
          <label htmlFor="body-filter" className="block text-std-16B-170">
            {t('users.body')}
          </label>
          <input id="body-filter" className="input" inputMode="numeric" value={body} onChange={(e) => setBody(e.target.value)} />
        </div>
        <button type="submit" className="btn-secondary">
          {t('users.show')}
        </button>
      </form>
      <StatusArea result={notice} focusKey={noticeKey} />
      {data.error ? (
        <Notice kind="error" title={serverMessage(data.error.body, lang)} />
      ) : !users ? (
        <p>{t('common.loading')}</p>
      ) : (
        <TableScroll label={t('users.title')}>
          <table className="table">
            <caption className="sr-only">{shown ? t('users.ofBody', { code: shown }) : t('users.national')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.login')}</th>
                <th scope="col">{t('users.display_name')}</th>
                <th scope="col">{t('users.role')}</th>
                <th scope="col">{t('users.factor')}</th>
                <th scope="col">{t('users.state')}</th>
                <th scope="col">{t('users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>{u.login}</td>
                  <td>{u.display_name}</td>
                  <td>
                    <label htmlFor={`role-${u.id}`} className="sr-only">
                      {t('users.roleOf', { login: u.login })}
                    </label>
                    <select
                      id={`role-${u.id}`}
                      className="input"
                      value={u.roles[0]}
                      disabled={busy}
                      onChange={(e) => void change(u, { roles: [e.target.value] }, t('users.roleChanged', { login: u.login }))}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t(`roles.${r}`)}
                        </option>
                      ))}
                    </select>
                    {u.expires_at && <div>{t('users.expires', { at: u.expires_at.slice(0, 10) })}</div>}
                  </td>
                  <td>{u.second_factor ? t('users.factorOn') : u.needs_second_factor ? t('users.factorMissing') : t('users.factorOff')}</td>
                  <td>{u.disabled ? t('users.disabled') : u.must_change_password ? t('users.mustChange') : t('users.active')}</td>
                  <td className="flex flex-wrap gap-2">
                    <button
                      type="button"
                      className="btn-secondary"
                      disabled={busy}
                      aria-label={`${t(u.disabled ? 'users.enable' : 'users.disable')}: ${u.login}`}
                      onClick={() =>
                        void change(u, { disabled: !u.disabled }, t(u.disabled ? 'users.enabled' : 'users.disabledDone', { login: u.login }))
                      }
                    >
                      {t(u.disabled ? 'users.enable' : 'users.disable')}
                    </button>
                    <button
                      type="button"
                      className="btn-secondary"
                      disabled={busy}
                      aria-label={`${t('users.resetPassword')}: ${u.login}`}
                      onClick={() =>
                        void act(async () => delivered(await api.post<TokenDelivery>(`/api/admin/users/${u.id}/reset-password`, {}), u.login))
                      }
                    >
                      {t('users.resetPassword')}
                    </button>
                    {u.second_factor && (
                      <button
                        type="button"
                        className="btn-secondary"
                        disabled={busy}
                        aria-label={`${t('users.resetFactor')}: ${u.login}`}
                        onClick={() =>
                          void act(async () => {
                            await api.post(`/api/admin/users/${u.id}/reset-second-factor`, {});
                            return t('users.factorReset', { login: u.login });
                          })
                        }
                      >
                        {t('users.resetFactor')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Invite body={shown} onDone={(d, login) => void act(async () => delivered(d, login))} />
    </>
  );
}
