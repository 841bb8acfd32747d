
import { createRoot } from 'react-dom/client';
import './index.css';
import './i18n';
import { App } from './App';
import { SessionProvider } from './lib/session';

createRoot(document.getElementById('root')!).render(
  <>
    <SessionProvider>
      <App />
    </SessionProvider>
  </>,
);
