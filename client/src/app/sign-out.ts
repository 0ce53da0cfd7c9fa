import { useQueryClient } from '@tanstack/react-query';
import { apiFetch, forgetDisplayToken } from '../api/http.ts';
import type { User } from '../api/types.ts';
import { navigate } from './router.ts';

/** Signs out: ends the session (or, for a wall display, forgets its token) and shows the login page. */
export function useSignOut() {
  const queryClient = useQueryClient();
  return async (user: User) => {
    if (user.readOnly) forgetDisplayToken();
    else await apiFetch('/api/session', { method: 'DELETE' }).catch(() => undefined);
    queryClient.clear();
    queryClient.setQueryData(['session'], null);
    navigate('/', { replace: true });
  };
}
