// Downloads a file from the API (an export, a report). The file is fetched through the API
// client first, so that a refusal (e.g. characters CP932 cannot hold) is shown on the page in
// the user's language instead of being saved as a file, and an expired session asks the user
// to sign in again and then continues, like every other request.
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import { serverMessage, useLang } from '../i18n';
import { Notice } from './Notice';

/** Hands a fetched file to the browser as a download. */
function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function DownloadButton({ href, label }: { href: string; label: string }) {
  const { lang } = useLang();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const file = await api.download(href);
      save(file.blob, file.name);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(serverMessage(e.body, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="inline-flex flex-col">
      <button type="button" className="btn-secondary" disabled={busy} onClick={() => void download()}>
        {label}
      </button>
      {error && <Notice kind="error" title={error} />}
    </span>
  );
}
