import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { api, currentToken, endToken, onSignedOut, setToken, setUploadLimit } from './api/client';
import { NetworkError } from './api/errors';
import { type Me, type Membership, type Role, type TokenResponse } from './api/types';

/**
 * The signed-in user's /me, kept beside the token: a grid worker who opens the app without signal
 * (the round's outbox) starts as themself; the API decides again once it answers.
 */
const ME_KEY = 'yishi.me';

function keepMe(me: Me | null): void {
  try {
    if (me === null) window.localStorage.removeItem(ME_KEY);
    else window.localStorage.setItem(ME_KEY, JSON.stringify(me));
  } catch {
    // No storage (private mode): the app needs the network to start.
  }
}

function keptMe(): Me | null {
  try {
    const text = window.localStorage.getItem(ME_KEY);
    return text === null ? null : (JSON.parse(text) as Me);
  } catch {
    return null;
  }
}

export interface Session {
  me: Me;
  /** The community the app works in: the user's first membership. */
  membership: Membership | null;
  has: (role: Role) => boolean;
  signOut: () => void;
}

interface SessionState {
  session: Session | null;
  loading: boolean;
  /** Set when the session ended on its own (expired token). */
  expired: boolean;
  signIn: (username: string, password: string) => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

function toSession(me: Me, signOut: () => void): Session {
  const membership = me.memberships[0] ?? null;
  return {
    me,
    membership,
    has: (role) => membership?.roles.includes(role) === true,
    signOut,
  };
}

export function SessionProvider(props: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(currentToken() !== null);
  const [expired, setExpired] = useState(false);

  const signOut = useCallback(() => {
    const ending = currentToken();
    setToken(null);
    setMe(null);
    keepMe(null);
    if (ending !== null) void endToken(ending);
  }, []);

  useEffect(
    () =>
      onSignedOut(() => {
        setMe(null);
        keepMe(null);
        setExpired(true);
      }),
    [],
  );

  useEffect(() => {
    if (currentToken() === null) return;
    api<Me>('/me')
      .then((fresh) => {
        keepMe(fresh);
        setMe(fresh);
      })
      // Without signal, the user kept with the token; any answer of the API (401) signs out.
      .catch((error: unknown) => setMe(error instanceof NetworkError ? keptMe() : null))
      .finally(() => setLoading(false));
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const token = await api<TokenResponse>('/auth/token', {
      method: 'POST',
      body: { username, password },
    });
    setToken(token.accessToken);
    const fresh = await api<Me>('/me');
    keepMe(fresh);
    setMe(fresh);
    setExpired(false);
  }, []);

  // The upload limit goes with the signed-in user's /me (older APIs do not send it: unknown).
  useEffect(() => setUploadLimit(me?.limits?.uploadMaxBytes ?? null), [me]);

  const value: SessionState = {
    session: me === null ? null : toSession(me, signOut),
    loading,
    expired,
    signIn,
  };
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>;
}

export function useSessionState(): SessionState {
  const state = useContext(SessionContext);
  if (state === null) throw new Error('useSessionState outside SessionProvider');
  return state;
}

/** The signed-in session (pages below the login gate only). */
export function useSession(): Session {
  const { session } = useSessionState();
  if (session === null) throw new Error('useSession before sign-in');
  return session;
}
