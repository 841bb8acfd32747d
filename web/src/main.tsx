
import { createRoot } from 'react-dom/client';
import './index.css';
import './i18n';
import { App } from './App';
import { prefetchFor } from './lib/prefetch';
import { SessionProvider } from './lib/session';

// What the first page needs is asked for now, beside the session check (lib/prefetch.ts).
prefetchFor(window.location.pathname);

createRoot(document.getElementById('root')!).render(
  <>
    <SessionProvider>
      <App />
    </SessionProvider>
  </>,
);
