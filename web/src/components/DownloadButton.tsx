// Downloads a file from the API (an export, a report). The file is fetched first so that a
// refusal (e.g. characters CP932 cannot hold) is shown on the page, in the user's language,
// instead of being saved as a file.
import { useState } from 'react';
import { serverMessage, useLang } from '../i18n';
import { Notice } from './Notice';

export function DownloadButton({ href, label }: { href: string; label: string }) {
  const { lang } = useLang();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(href, { credentials: 'same-origin' });
      if (!res.ok) {
        const body = await res.json().catch(() => null);
        setError(body ? serverMessage(body, lang) : `HTTP ${res.status}`);
        return;
      }
      const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? 'download';
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
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
