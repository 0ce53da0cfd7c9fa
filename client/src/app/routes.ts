import type { UserRole } from '#domain/vocabulary.ts';
import type { User } from '../api/types.ts';
import type { MessageKey } from '../i18n/messages.ts';

export const ROUTES = ['/screen', '/analyze', '/plan', '/tasks', '/tokens', '/time-limits'] as const;
export type RoutePath = (typeof ROUTES)[number];

export const ROUTE_LABELS: Record<RoutePath, MessageKey> = {
  '/screen': 'nav.screen',
  '/analyze': 'nav.analyze',
  '/plan': 'nav.plan',
  '/tasks': 'nav.tasks',
  '/tokens': 'nav.tokens',
  '/time-limits': 'nav.timeLimits',
};

/** Which views each role sees, its landing view first. */
export const ROLE_ROUTES: Record<UserRole, readonly RoutePath[]> = {
  leader: ['/screen', '/analyze', '/plan', '/tokens'],
  analyst: ['/analyze', '/screen', '/plan', '/tokens'],
  planner: ['/plan', '/analyze', '/tokens'],
  grid_staff: ['/tasks', '/analyze', '/plan', '/tokens'],
  admin: ['/screen', '/analyze', '/plan', '/tasks', '/tokens', '/time-limits'],
};

/** Views that change data; a display token is read-only and does not get them. */
const WRITING_ROUTES: readonly RoutePath[] = ['/tasks', '/tokens', '/time-limits'];

export function routesFor(user: User): readonly RoutePath[] {
  const routes = ROLE_ROUTES[user.role];
  return user.readOnly ? routes.filter((route) => !WRITING_ROUTES.includes(route)) : routes;
}

export const isKnownRoute = (pathname: string): pathname is RoutePath => (ROUTES as readonly string[]).includes(pathname);
