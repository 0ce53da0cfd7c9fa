import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

function CrashNotice({ onReload }: { onReload(): void }) {
  const { t } = useI18n();
  return (
    <div className="page-center">
      <div className="crash-notice" role="alert" data-testid="error-boundary">
        <h2>{t('error.title')}</h2>
        <p>{t('app.crashed')}</p>
        <div className="button-row">
          <button type="button" className="button button--primary" onClick={onReload}>{t('app.reload')}</button>
          <a className="button" href={window.location.pathname}>{t('app.openPlain')}</a>
        </div>
      </div>
    </div>
  );
}

/** Catches a view that throws while rendering: a translated notice instead of a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, { failed: boolean; resetKey?: string }> {
  override state = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: { resetKey?: string }, state: { failed: boolean; resetKey?: string }) {
    // Navigating to another view (or another link) gives it a fresh start.
    return props.resetKey !== state.resetKey ? { failed: false, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.warn('[view error]', error.message, info.componentStack);
  }

  override render() {
    return this.state.failed ? <CrashNotice onReload={() => window.location.reload()} /> : this.props.children;
  }
}
