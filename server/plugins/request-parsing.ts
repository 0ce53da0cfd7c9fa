import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import fp from 'fastify-plugin';
import secureJson from 'secure-json-parse';
import { badRequest } from '../http-errors.ts';

const STRICT: Options = { allErrors: false, removeAdditional: false, useDefaults: true, coerceTypes: false, strict: false };

/**
 * Request bodies are validated as sent (a string is never a number); query strings and path
 * parameters arrive as text, so those are coerced. JSON bodies are parsed with prototype-poisoning
 * checks and a parse error names the problem.
 */
export default fp(
  async (app) => {
    const bodyValidator = addFormats.default(new Ajv(STRICT));
    const textValidator = addFormats.default(new Ajv({ ...STRICT, coerceTypes: true }));
    app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodyValidator : textValidator).compile(schema));

    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
      const text = body as string;
      if (text.trim() === '') return done(badRequest('body is empty; send a JSON object'), undefined);
      try {
        done(null, secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
      } catch (error) {
        done(badRequest(`body is not valid JSON: ${(error as Error).message}`), undefined);
      }
    });
  },
  { name: 'request-parsing' },
);
