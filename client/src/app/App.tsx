import { lazy, Suspense, useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../api/http.ts';
import { useSession } from '../api/queries.ts';
import type { User } from '../api/types.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { LoadingOverlay } from '../components/Loading.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ROLE_LABELS } from '../i18n/messages.ts';
import { LoginView } from '../views/login/LoginView.tsx';
import { LanguageToggle } from '../components/LanguageToggle.tsx';
import { navigate, useLocation } from './router.ts';
import { ROLE_ROUTES, ROUTE_LABELS, type RoutePath } from './routes.ts';

const ScreenView = lazy(() => import('../views/screen/ScreenView.tsx'));
const AnalyzeView = lazy(() => import('../views/analyze/AnalyzeView.tsx'));
const PlanView = lazy(() => import('../views/plan/PlanView.tsx'));

function Navigation({ user, current }: { user: User; current: RoutePath }) {
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const signOut = async () => {
    await apiFetch('/api/session', { method: 'DELETE' }).catch(() => undefined);
    queryClient.setQueryData(['session'], null);
    navigate('/', { replace: true });
  };
  return (
    <header className="app-nav">
      <div className="app-nav-brand">
        <span className="brand-mark" aria-hidden="true" />
        <span>{i18n.t('app.name')}</span>
      </div>
      <nav className="app-nav-links">
        {ROLE_ROUTES[user.role].map((route) => (
          <a
            key={route}
            href={route}
            className={route === current ? 'active' : ''}
            data-testid={`nav-${route.slice(1)}`}
            onClick={(event) => {
              event.preventDefault();
              navigate(route);
            }}
          >
            {i18n.t(ROUTE_LABELS[route])}
          </a>
        ))}
      </nav>
      <div className="app-nav-side">
        <span className="demo-badge">{i18n.t('app.demoData')}</span>
        <span className="app-nav-user">
          {user.displayName} · {i18n.label(ROLE_LABELS[user.role], user.role)}
        </span>
        <LanguageToggle />
        <button type="button" className="button button--ghost" onClick={signOut} data-testid="sign-out">
          {i18n.t('app.logout')}
        </button>
      </div>
    </header>
  );
}

export function App() {
  const i18n = useI18n();
  const session = useSession();
  const { pathname } = useLocation();
  const user = session.data ?? null;
  const allowed = user ? ROLE_ROUTES[user.role] : [];
  const route = allowed.find((candidate) => candidate === pathname) ?? null;

  useEffect(() => {
    // "/" and views the role may not open lead to the role's landing view; the query string is kept.
    if (user && !route && allowed.length > 0 && !(['/screen', '/analyze', '/plan'] as string[]).includes(pathname)) {
      navigate(allowed[0] + window.location.search, { replace: true });
    }
  }, [user, route, allowed, pathname]);

  if (session.isPending) return <LoadingOverlay label={i18n.t('app.loading')} />;
  if (session.error) return <div className="page-center"><ErrorMessage error={session.error} onRetry={() => session.refetch()} /></div>;
  if (!user) return <LoginView />;
  if (allowed.length === 0) return <div className="page-center">{i18n.t('app.noAccess')}</div>;
  if (!route) {
    return (
      <div className="app-shell">
        <Navigation user={user} current={allowed[0]} />
        <div className="page-center">{i18n.t('app.notFound')}</div>
      </div>
    );
  }
  const view = route === '/screen' ? <ScreenView user={user} /> : route === '/analyze' ? <AnalyzeView user={user} /> : <PlanView user={user} />;
  return (
    <div className={`app-shell ${route === '/screen' ? 'app-shell--screen' : ''}`}>
      {route === '/screen' ? null : <Navigation user={user} current={route} />}
      <Suspense fallback={<LoadingOverlay label={i18n.t('app.loading')} />}>{view}</Suspense>
    </div>
  );
}
