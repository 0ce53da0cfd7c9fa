import type { FastifyRequest } from 'fastify';

/** The link to the next page: this request's path and query with the new cursor (never a token). */
export function nextPageLink(request: FastifyRequest, cursor: string | null, limit: number): string | undefined {
  if (cursor === null) return undefined;
  const url = new URL(request.url, 'http://gridatlas.local');
  url.searchParams.delete('token');
  url.searchParams.set('cursor', cursor);
  url.searchParams.set('limit', String(limit));
  return `${url.pathname}${url.search}`;
}
