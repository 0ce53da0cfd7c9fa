import { lazy, Suspense, useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { onAuthProblem } from '../api/http.ts';
import { useSession } from '../api/queries.ts';
import type { User } from '../api/types.ts';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { LoadingOverlay } from '../components/Loading.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ROLE_LABELS } from '../i18n/messages.ts';
import { LoginView } from '../views/login/LoginView.tsx';
import { TokenRevokedView } from '../views/login/TokenRevokedView.tsx';
import { LanguageToggle } from '../components/LanguageToggle.tsx';
import { navigate, useLocation } from './router.ts';
import { useSignOut } from './sign-out.ts';
import { isKnownRoute, ROUTE_LABELS, routesFor, type RoutePath } from './routes.ts';

const ScreenView = lazy(() => import('../views/screen/ScreenView.tsx'));
const AnalyzeView = lazy(() => import('../views/analyze/AnalyzeView.tsx'));
const PlanView = lazy(() => import('../views/plan/PlanView.tsx'));
const TasksView = lazy(() => import('../views/tasks/TasksView.tsx'));
const TokensView = lazy(() => import('../views/tokens/TokensView.tsx'));
const TimeLimitsView = lazy(() => import('../views/limits/TimeLimitsView.tsx'));

function Navigation({ user, current }: { user: User; current: RoutePath | null }) {
  const i18n = useI18n();
  const signOut = useSignOut();
  return (
    <header className="app-nav">
      <div className="app-nav-brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="app-nav-brand-name">{i18n.t('app.name')}</span>
      </div>
      <nav className="app-nav-links">
        {routesFor(user).map((route) => (
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
        <button type="button" className="button button--ghost" onClick={() => signOut(user)} data-testid="sign-out">
          {i18n.t('app.logout')}
        </button>
      </div>
    </header>
  );
}

export function App() {
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const session = useSession();
  const { pathname, search } = useLocation();
  const [problem, setProblem] = useState<'session_expired' | 'token_revoked' | null>(null);
  const user = session.data ?? null;
  const allowed = user ? routesFor(user) : [];
  const route = isKnownRoute(pathname) && allowed.includes(pathname) ? pathname : null;

  // The server said the session ended or the display token was revoked: back to the login page (same URL), or
  // for a wall display the "link revoked" page, which keeps retrying.
  useEffect(
    () =>
      onAuthProblem((next) => {
        setProblem(next);
        if (next === 'session_expired') {
          // Requests in flight would only fail again; their ends need no waiting for.
          void queryClient.cancelQueries();
          queryClient.setQueryData(['session'], null);
        }
      }),
    [queryClient],
  );

  useEffect(() => {
    // "/" leads to the role's landing view; the query string is kept.
    const landing = user ? routesFor(user)[0] : undefined;
    if (landing && pathname === '/') navigate(landing + window.location.search, { replace: true });
  }, [user, pathname]);

  if (problem === 'token_revoked') {
    return (
      <TokenRevokedView
        onRecovered={() => {
          setProblem(null);
          // Every query asks again; each shows its own error if that fails.
          void queryClient.invalidateQueries();
        }}
      />
    );
  }
  if (session.isPending) return <LoadingOverlay label={i18n.t('app.loading')} />;
  if (session.error) return <div className="page-center"><ErrorMessage error={session.error} onRetry={() => session.refetch()} /></div>;
  if (!user) {
    return (
      <LoginView
        expired={problem === 'session_expired'}
        onSignedIn={() => {
          setProblem(null);
          // Whatever failed while the session was gone is asked again for the same view.
          queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
        }}
      />
    );
  }
  if (allowed.length === 0) return <div className="page-center">{i18n.t('app.noAccess')}</div>;
  if (!route) {
    return (
      <div className="app-shell">
        <Navigation user={user} current={null} />
        <div className="page-center" data-testid={isKnownRoute(pathname) ? 'no-view-access' : 'not-found'}>
          {pathname === '/' ? <LoadingOverlay label={i18n.t('app.loading')} /> : i18n.t(isKnownRoute(pathname) ? 'app.noViewAccess' : 'app.notFound')}
        </div>
      </div>
    );
  }
  const view =
    route === '/screen' ? (
      <ScreenView user={user} />
    ) : route === '/analyze' ? (
      <AnalyzeView user={user} />
    ) : route === '/plan' ? (
      <PlanView user={user} />
    ) : route === '/tasks' ? (
      <TasksView user={user} />
    ) : route === '/time-limits' ? (
      <TimeLimitsView user={user} />
    ) : (
      <TokensView user={user} />
    );
  return (
    <div className={`app-shell ${route === '/screen' ? 'app-shell--screen' : ''}`}>
      {route === '/screen' ? null : <Navigation user={user} current={route} />}
      <ErrorBoundary resetKey={`${route}${search}`}>
        <Suspense fallback={<LoadingOverlay label={i18n.t('app.loading')} />}>{view}</Suspense>
      </ErrorBoundary>
    </div>
  );
}
