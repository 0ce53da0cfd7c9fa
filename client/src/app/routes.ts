import type { UserRole } from '../../../server/domain/vocabulary.ts';
import type { MessageKey } from '../i18n/messages.ts';

export const ROUTES = ['/screen', '/analyze', '/plan'] as const;
export type RoutePath = (typeof ROUTES)[number];

export const ROUTE_LABELS: Record<RoutePath, MessageKey> = { '/screen': 'nav.screen', '/analyze': 'nav.analyze', '/plan': 'nav.plan' };

/** Which views each role sees, its landing view first. */
export const ROLE_ROUTES: Record<UserRole, readonly RoutePath[]> = {
  leader: ['/screen', '/analyze', '/plan'],
  analyst: ['/analyze', '/screen', '/plan'],
  planner: ['/plan', '/analyze'],
  grid_staff: ['/analyze', '/plan'],
  admin: ['/screen', '/analyze', '/plan'],
};
