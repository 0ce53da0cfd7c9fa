import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, apiFetch } from '../../api/http.ts';
import type { User } from '../../api/types.ts';
import { LanguageToggle } from '../../components/LanguageToggle.tsx';
import { Spinner } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { errorText } from '../../i18n/error-text.ts';

export function LoginView({ expired = false, onSignedIn }: { expired?: boolean; onSignedIn?(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      const { user } = await apiFetch<{ user: User }>('/api/session', { method: 'POST', json: { username: username.trim(), password } });
      onSignedIn?.();
      queryClient.setQueryData(['session'], user);
    } catch (caught) {
      // Say why: wrong credentials, an unreachable server, or the server's code in the user's language.
      const reason =
        caught instanceof ApiError && caught.status === 401 ? t('login.badCredentials') : caught instanceof ApiError && caught.status === 0 ? t('login.unreachable') : errorText(caught, i18n);
      setError(t('login.failed', { reason }));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="login-page">
      <div className="login-card">
        <div className="login-header">
          <span className="brand-mark brand-mark--large" aria-hidden="true" />
          <div>
            <h1>{t('app.name')}</h1>
            <p>{t('login.subtitle')}</p>
          </div>
          <LanguageToggle className="login-language" />
        </div>
        {expired ? (
          <div className="login-expired" role="status" data-testid="login-expired">
            {t('login.expired')}
          </div>
        ) : null}
        <form onSubmit={submit} className="login-form" data-testid="login-form">
          <label>
            <span>{t('login.username')}</span>
            <input name="username" autoComplete="username" value={username} onChange={(event) => setUsername(event.target.value)} required autoFocus />
          </label>
          <label>
            <span>{t('login.password')}</span>
            <input name="password" type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} required />
          </label>
          {error ? (
            <div className="form-error" role="alert" data-testid="login-error">
              {error}
            </div>
          ) : null}
          <button type="submit" className="button button--primary" disabled={submitting} data-testid="login-submit">
            {submitting ? <Spinner size={14} /> : null}
            {submitting ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
        <p className="login-hint">{t('login.demoHint')}</p>
        <p className="login-demo">{t('app.demoData')}</p>
      </div>
    </div>
  );
}
