import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import fp from 'fastify-plugin';
import secureJson from 'secure-json-parse';
import { badRequest } from '../http-errors.ts';
import { findUnsafeText, isReasonableInstant, isReasonableLocalDate } from '#domain/text-rules.ts';

// `verbose` keeps the failing schema with each error, so that messages can say what is allowed.
const STRICT: Options = { allErrors: false, removeAdditional: false, useDefaults: true, coerceTypes: false, strict: false, verbose: true };

function validator(options: Options): Ajv {
  const ajv = addFormats.default(new Ajv(options));
  // Stricter than RFC 3339 alone: PostgreSQL refuses year 0, and no incident or patrol is from before 1900 or after 2100.
  ajv.addFormat('date-time', { type: 'string', validate: isReasonableInstant });
  ajv.addFormat('date', { type: 'string', validate: isReasonableLocalDate });
  return ajv;
}

/**
 * Request bodies are validated as sent (a string is never a number); query strings and path
 * parameters arrive as text, so those are coerced. JSON bodies are parsed with prototype-poisoning
 * checks and a parse error names the problem. No text anywhere in a request may hold a NUL character
 * or a lone UTF-16 surrogate: PostgreSQL cannot store the first, and the second is not text.
 */
export default fp(
  async (app) => {
    const bodyValidator = validator(STRICT);
    const textValidator = validator({ ...STRICT, coerceTypes: true });
    app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodyValidator : textValidator).compile(schema));

    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
      const text = body as string;
      if (text.trim() === '') return done(badRequest('body is empty; send a JSON object'), undefined);
      let parsed: unknown;
      try {
        parsed = secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
      } catch (error) {
        return done(badRequest(`body is not valid JSON: ${(error as Error).message}`), undefined);
      }
      const unsafe = findUnsafeText(parsed, 'body');
      if (unsafe) return done(badRequest(`${unsafe.field} ${unsafe.reason}`, [unsafe]), undefined);
      done(null, parsed);
    });

    app.addHook('preValidation', async (request) => {
      const unsafe = findUnsafeText(request.query, 'querystring') ?? findUnsafeText(request.params, 'params');
      if (unsafe) throw badRequest(`${unsafe.field} ${unsafe.reason}`, [unsafe]);
    });
  },
  { name: 'request-parsing' },
);
