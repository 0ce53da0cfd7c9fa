import { useI18n } from '../i18n/i18n.tsx';

export function LanguageToggle({ className }: { className?: string }) {
  const { t, locale, setLocale } = useI18n();
  return (
    <button type="button" className={`button button--ghost language-toggle ${className ?? ''}`} title={t('app.languageToggleTitle')} data-testid="language-toggle" onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')}>
      {t('app.languageToggle')}
    </button>
  );
}
