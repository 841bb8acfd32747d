// The signed-in user, shared by every screen. Sign-in stores the CSRF token in the API
// client; when a request meets 401 while signed in, `expired` becomes true and the request
// waits until SessionExpiredDialog signs in again (see api/client.ts).
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { takeEarly } from '../api/boot';
import { api, ApiError, setCsrfToken, setReauthHandler, setTokenRefresher } from '../api/client';
import type { Role, User } from '../api/types';

interface SessionValue {
  user: User | null;
  loading: boolean;
  expired: boolean;
  /** The password step: 'code' when the second factor's code is needed next. */
  signIn(login: string, password: string): Promise<'signed_in' | 'code'>;
  /** The second step: a TOTP code or a recovery code. */
  submitCode(code: string): Promise<void>;
  /** Reads the signed-in user again (after changing the password or enrolling). */
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(true);
  const [expired, setExpired] = useState(false);
  const waiters = useRef<(() => void)[]>([]);
  const previous = useRef<User | null>(null);
  useEffect(() => {
    if (user) previous.current = user;
  }, [user]);

  useEffect(() => {
    api
      // The answer api/boot.ts started before this code arrived, when it is a 2xx.
      .get<{ user: User; csrf_token: string }>('/api/session', takeEarly('/api/session'))
      .then((s) => {
        setCsrfToken(s.csrf_token);
        setUser(s.user);
      })
      .catch(() => setUser(null))
      .finally(() => setLoading(false));
  }, []);

  useEffect(() => {
    if (!user) {
      setReauthHandler(null);
      return;
    }
    setReauthHandler(
      () =>
        new Promise<void>((resolve) => {
          waiters.current.push(resolve);
          setExpired(true);
        }),
    );
    setTokenRefresher(async () => {
      try {
        const s = await api.get<{ user: User; csrf_token: string }>('/api/session');
        if (s.user.id !== user.id) return false;
        setCsrfToken(s.csrf_token);
        return true;
      } catch {
        return false;
      }
    });
    return () => {
      setReauthHandler(null);
      setTokenRefresher(null);
    };
  }, [user]);

  const signedIn = useCallback((s: { user: User; csrf_token: string }) => {
    setCsrfToken(s.csrf_token);
    setUser(s.user);
    setExpired(false);
    // Waiting saves belong to the user who typed them: replay them only for that user.
    const pending = waiters.current;
    waiters.current = [];
    if (previous.current && previous.current.id !== s.user.id) {
      window.location.assign('/');
      return;
    }
    for (const resolve of pending) resolve();
  }, []);

  const signIn = useCallback(
    async (login: string, password: string): Promise<'signed_in' | 'code'> => {
      const s = await api.post<{ user?: User; csrf_token: string; second_factor_required?: boolean }>('/api/session', {
        login,
        password,
      });
      setCsrfToken(s.csrf_token);
      if (s.second_factor_required || !s.user) return 'code';
      signedIn({ user: s.user, csrf_token: s.csrf_token });
      return 'signed_in';
    },
    [signedIn],
  );

  const submitCode = useCallback(
    async (code: string) => {
      const s = await api.post<{ user: User; csrf_token: string }>('/api/session/code', { code });
      signedIn(s);
    },
    [signedIn],
  );

  const refresh = useCallback(async () => {
    const s = await api.get<{ user: User; csrf_token: string }>('/api/session');
    setCsrfToken(s.csrf_token);
    setUser(s.user);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.del('/api/session');
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
    setCsrfToken('');
    setUser(null);
  }, []);

  return (
    <SessionContext.Provider value={{ user, loading, expired, signIn, submitCode, refresh, signOut }}>{children}</SessionContext.Provider>
  );
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

export function hasRole(user: User | null, ...roles: Role[]): boolean {
  return !!user && user.roles.some((r) => roles.includes(r));
}
