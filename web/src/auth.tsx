import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { api, setSessionEndedListener, tokenStore, unwrap, type Role, type Schemas } from './api/client';

export type Me = Schemas['CurrentUserDto'];

interface AuthState {
  token: string | null;
  me: Me | undefined;
  loading: boolean;
  endedMessage: string | null;
  login: (email: string, password: string) => Promise<void>;
  logout: () => void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const [token, setToken] = useState<string | null>(tokenStore.get());
  const [endedMessage, setEndedMessage] = useState<string | null>(null);

  useEffect(() => {
    setSessionEndedListener((msg) => {
      setToken(null);
      setEndedMessage(msg);
      qc.clear();
      notifications.show({ id: 'session-ended', color: 'orange', title: 'Signed out', message: msg });
    });
  }, [qc]);

  const meQuery = useQuery({
    queryKey: ['me', token],
    enabled: !!token,
    queryFn: () => unwrap(api.GET('/api/v1/auth/me')),
    staleTime: 5 * 60_000,
  });

  const login = useCallback(
    async (email: string, password: string) => {
      const { accessToken } = await unwrap(api.POST('/api/v1/auth/login', { body: { email, password } }));
      tokenStore.set(accessToken);
      setEndedMessage(null);
      qc.clear();
      setToken(accessToken);
    },
    [qc],
  );

  const logout = useCallback(() => {
    tokenStore.clear();
    setToken(null);
    setEndedMessage(null);
    qc.clear();
  }, [qc]);

  const value = useMemo(
    () => ({ token, me: meQuery.data, loading: !!token && meQuery.isLoading, endedMessage, login, logout }),
    [token, meQuery.data, meQuery.isLoading, endedMessage, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth() {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

export const can = {
  manage: (r?: Role) => r === 'admin' || r === 'asset_manager',
  assign: (r?: Role) => r === 'admin' || r === 'asset_manager' || r === 'department_head',
  editLicense: (r?: Role) => r === 'admin' || r === 'asset_manager' || r === 'finance',
  reports: (r?: Role) => r === 'admin' || r === 'asset_manager' || r === 'finance',
  import: (r?: Role) => r === 'admin' || r === 'asset_manager',
  inventory: (r?: Role) => r === 'admin' || r === 'asset_manager' || r === 'department_head',
  licenses: (r?: Role) => !!r,
};
