/**
 * Who the UI acts as: `GET /auth/status` says whether keys are needed; with a key, `GET /v1/auth/whoami` says
 * its role. Pages ask `useCan(role)` whether an action is allowed and, if not, why (shown on the disabled button).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { WhoamiJson } from '../../../src/api/index.js';
import { api, ApiError, request } from '../api.js';
import { Loading, ErrorState } from '../lib/states.js';
import { forgetApiKey, readApiKey, saveApiKey, UNAUTHORIZED_EVENT } from './session.js';
import { LoginPage } from './LoginPage.js';

export const ROLES = ['viewer', 'runner', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

interface AuthState {
  me: WhoamiJson;
  signOut: () => void;
}

const AuthContext = createContext<AuthState | undefined>(undefined);

export function AuthProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [key, setKey] = useState(readApiKey());
  const [expired, setExpired] = useState(false);
  const status = useQuery({ queryKey: ['auth-status'], queryFn: api.authStatus, staleTime: Infinity });
  const enabled = status.data?.enabled === true;
  // Asked at once, beside the auth status (not after it): a first page load waits for one round trip, not two.
  const me = useQuery({
    queryKey: ['whoami', key],
    queryFn: () => request<WhoamiJson>('/v1/auth/whoami', { quiet: true }),
    staleTime: Infinity,
    retry: (count, error) => !(error instanceof ApiError && error.status === 401) && count < 3,
  });
  useEffect(() => {
    const onUnauthorized = () => {
      if (readApiKey() === undefined && !enabled) return;
      forgetApiKey();
      setKey(undefined);
      setExpired(true);
      client.clear();
    };
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, [client, enabled]);
  const signIn = useCallback(
    async (candidate: string) => {
      // Checked before it is stored, so a wrong key leaves the page as it is and says why.
      await request('/v1/auth/whoami', { headers: { authorization: `Bearer ${candidate}` }, quiet: true });
      saveApiKey(candidate);
      setExpired(false);
      client.clear();
      setKey(candidate);
    },
    [client],
  );
  const signOut = useCallback(() => {
    forgetApiKey();
    setKey(undefined);
    setExpired(false);
    client.clear();
  }, [client]);
  const value = useMemo(() => (me.data === undefined ? undefined : { me: me.data, signOut }), [me.data, signOut]);
  if (status.error !== null) return <ErrorState error={status.error} what="the server's auth status" />;
  if (status.data === undefined) return <Loading what="the server" />;
  if (enabled && key === undefined) return <LoginPage onSignIn={signIn} expired={expired} />;
  if (me.error instanceof ApiError && me.error.status === 401) return <LoginPage onSignIn={signIn} expired />;
  if (me.error !== null) return <ErrorState error={me.error} what="your role" />;
  if (value === undefined) return <Loading what="your role" />;
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (state === undefined) throw new Error('useAuth outside AuthProvider');
  return state;
}

/** Whether the key's role reaches `role` (and the job is in its scope), and why not. */
export function useCan(role: Role, jobAlias?: string): { ok: boolean; reason?: string } {
  const { me } = useAuth();
  const have = ROLES.indexOf(me.role as Role);
  if (have < ROLES.indexOf(role)) return { ok: false, reason: `needs the ${role} role; this key is ${me.role}` };
  if (jobAlias !== undefined && me.scope !== undefined && !me.scope.jobs.includes(jobAlias))
    return { ok: false, reason: `this key is limited to the jobs ${me.scope.jobs.join(', ')}` };
  return { ok: true };
}
