import { useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

/** A small note that some parameters of the link were not valid and were ignored. */
export function UrlNotice({ problems, className }: { problems: readonly string[]; className?: string }) {
  const { t } = useI18n();
  const key = problems.join(',');
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (problems.length === 0 || dismissed === key) return null;
  return (
    <div className={`url-notice ${className ?? ''}`} role="status" data-testid="url-notice" data-params={key}>
      <span>{t('url.ignored', { names: problems.join(', ') })}</span>
      <button type="button" className="link-button" onClick={() => setDismissed(key)}>{t('url.dismiss')}</button>
    </div>
  );
}
