import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { HttpError } from '../http-errors.ts';

export interface ClientStaticOptions {
  /** The built client (vite build); default client/dist beside the server. */
  root?: string;
}

const DEFAULT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client/dist');

/**
 * Serves the built React client on the API's port and answers every other GET that is not an API call
 * with index.html, so a shared link such as /analyze?community=3 opens the right view. Registered last.
 */
export default fp<ClientStaticOptions>(
  async (app, options) => {
    const root = options.root ?? DEFAULT_ROOT;
    const indexFile = path.join(root, 'index.html');
    const built = fs.existsSync(indexFile);
    if (built) {
      await app.register(fastifyStatic, {
        root,
        // Files are looked up per request, so a rebuild (npm run build:client) is served without a restart.
        wildcard: true,
        // "/" is index.html; any other path without a file falls through to the not-found handler below.
        index: ['index.html'],
        redirect: false,
        // Vite puts a content hash in every asset name, so assets can be cached for good; index.html never.
        setHeaders(reply, filePath) {
          reply.header('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
    } else {
      app.log.warn({ root }, 'the client is not built (npm run build:client); only the API is served');
    }

    // Errors in the one format of plugins/errors.ts; every other GET is a client route.
    app.setNotFoundHandler((request, reply) => {
      const pathname = request.url.split('?')[0];
      // API paths, other methods, and missing files (a path with an extension) are real 404s.
      if (/^\/(api|ogc)(\/|$)/.test(pathname) || (request.method !== 'GET' && request.method !== 'HEAD') || path.extname(pathname) !== '') {
        throw new HttpError(404, 'not_found', `No route or file ${request.method} ${pathname}.`);
      }
      if (!built) throw new HttpError(503, 'client_not_built', 'The GridAtlas client is not built yet: run npm run build:client (npm start builds it), or use npm run dev.', undefined, 30);
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  },
  { name: 'client-static' },
);
