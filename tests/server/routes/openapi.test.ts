import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../../helpers/build.ts';
import { testBackend } from '../../helpers/test-database.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await build();
});
afterAll(() => testApp.close());

describe(`the OpenAPI description (${testBackend()})`, () => {
  it('is a valid OpenAPI document, generated from the routes', async () => {
    const response = await testApp.app.inject({ url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    // validate() dereferences the document in place; give it a copy.
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeTruthy();
    expect(document.openapi).toMatch(/^3\./);
  });

  it('describes each list’s features, not `items: {}`', async () => {
    const document = (await testApp.app.inject({ url: '/api/docs/json' })).json();
    for (const path of ['/api/grids/', '/api/buildings/', '/api/incidents/', '/api/patrols/']) {
      const schema = document.paths[path].get.responses['200'].content['application/json'].schema;
      const feature = schema.properties.features.items;
      expect(Object.keys(feature.properties ?? {}), path).toEqual(expect.arrayContaining(['type', 'id', 'geometry', 'properties']));
      expect(Object.keys(feature.properties.properties.properties ?? {}).length, `${path} feature properties`).toBeGreaterThan(3);
      expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['links', 'numberReturned', 'limit']));
    }
  });
});
