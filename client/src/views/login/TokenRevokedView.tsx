import { useEffect, useState } from 'react';
import { ApiError, apiFetch } from '../../api/http.ts';
import { LanguageToggle } from '../../components/LanguageToggle.tsx';
import { Spinner } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

/** Seconds between tries: the display's own refresh interval (?refresh=, at least 5), else 30. */
function retrySeconds(): number {
  const refresh = Number(new URLSearchParams(window.location.search).get('refresh'));
  return Number.isInteger(refresh) && refresh >= 5 && refresh <= 3600 ? refresh : 30;
}

/** A wall display whose token was revoked: says so plainly, never shows the token, and keeps asking again. */
export function TokenRevokedView({ onRecovered }: { onRecovered(): void }) {
  const i18n = useI18n();
  const [lastTry, setLastTry] = useState(() => new Date());
  const [seconds] = useState(retrySeconds);
  useEffect(() => {
    let stopped = false;
    const retry = async () => {
      setLastTry(new Date());
      try {
        await apiFetch('/api/session');
        if (!stopped) onRecovered();
      } catch (error) {
        // Still revoked (or the server is away): try again at the next tick.
        if (!(error instanceof ApiError)) console.warn('[display] retry failed');
      }
    };
    // `retry` handles its own failures, so nothing waits for it.
    const timer = window.setInterval(() => void retry(), seconds * 1000);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [onRecovered, seconds]);
  return (
    <div className="revoked-page" data-testid="token-revoked" role="alert">
      <div className="revoked-card">
        <span className="revoked-mark" aria-hidden="true">!</span>
        <h1>{i18n.t('revoked.title')}</h1>
        <p>{i18n.t('revoked.body')}</p>
        <p className="revoked-retry" data-testid="token-revoked-retry">
          <Spinner size={14} /> {i18n.t('revoked.retrying', { seconds, time: i18n.time(lastTry, true) })}
        </p>
        <LanguageToggle className="revoked-language" />
      </div>
    </div>
  );
}
