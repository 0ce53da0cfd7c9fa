import { ApiError } from '../api/http.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.status ? `${error.message} (HTTP ${error.status})` : error.message;
  return error instanceof Error ? error.message : String(error);
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="error-message" role="alert">
      <span>{t('error.load', { reason: errorText(error) })}</span>
      {onRetry ? (
        <button type="button" className="button button--small" onClick={onRetry}>
          {t('app.retry')}
        </button>
      ) : null}
    </div>
  );
}
