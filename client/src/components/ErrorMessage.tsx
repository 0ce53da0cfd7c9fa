import { useI18n } from '../i18n/i18n.tsx';
import { errorText, type FieldLabels } from '../i18n/error-text.ts';

export function ErrorMessage({ error, onRetry, fieldLabels, prefix = true }: { error: unknown; onRetry?: () => void; fieldLabels?: FieldLabels; prefix?: boolean }) {
  const i18n = useI18n();
  const text = errorText(error, i18n, fieldLabels);
  return (
    <div className="error-message" role="alert" data-testid="error-message">
      <span>{prefix ? i18n.t('error.load', { reason: text }) : text}</span>
      {onRetry ? (
        <button type="button" className="button button--small" onClick={onRetry}>
          {i18n.t('app.retry')}
        </button>
      ) : null}
    </div>
  );
}
