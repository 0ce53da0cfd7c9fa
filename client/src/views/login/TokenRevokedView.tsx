import { useEffect, useState } from 'react';
import { ApiError, apiFetch } from '../../api/http.ts';
import { LanguageToggle } from '../../components/LanguageToggle.tsx';
import { Spinner } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

const RETRY_SECONDS = 30;

/** A wall display whose token was revoked: says so plainly, never shows the token, and keeps asking again. */
export function TokenRevokedView({ onRecovered }: { onRecovered(): void }) {
  const i18n = useI18n();
  const [lastTry, setLastTry] = useState(() => new Date());
  useEffect(() => {
    let stopped = false;
    const timer = window.setInterval(async () => {
      setLastTry(new Date());
      try {
        await apiFetch('/api/session');
        if (!stopped) onRecovered();
      } catch (error) {
        // Still revoked (or the server is away): try again at the next tick.
        if (!(error instanceof ApiError)) console.warn('[display] retry failed');
      }
    }, RETRY_SECONDS * 1000);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [onRecovered]);
  return (
    <div className="revoked-page" data-testid="token-revoked" role="alert">
      <div className="revoked-card">
        <span className="revoked-mark" aria-hidden="true">!</span>
        <h1>{i18n.t('revoked.title')}</h1>
        <p>{i18n.t('revoked.body')}</p>
        <p className="revoked-retry" data-testid="token-revoked-retry">
          <Spinner size={14} /> {i18n.t('revoked.retrying', { seconds: RETRY_SECONDS, time: i18n.time(lastTry, true) })}
        </p>
        <LanguageToggle className="revoked-language" />
      </div>
    </div>
  );
}
