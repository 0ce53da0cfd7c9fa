import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../../helpers/build.ts';
import { loginAs, type Session } from '../../helpers/session.ts';
import { testBackend } from '../../helpers/test-database.ts';

// 片区呼叫、党员先到: for an incident, the nearest volunteers, ranked by the distance a person walks in a
// straight line, party members marked. Checked against a brute-force ranking over every volunteer.

let testApp: TestApp;
let staff: Session;
let incidentId: number;
let taoyuan: number;

beforeAll(async () => {
  testApp = await build();
  staff = await loginAs(testApp.app, 'staff_taoyuan');
  taoyuan = staff.user.communityIds[0];
  incidentId = Number((await testApp.app.pg.query(`SELECT id FROM incidents WHERE community_id = $1 ORDER BY reported_at DESC LIMIT 1`, [taoyuan])).rows[0].id);
});
afterAll(() => testApp.close());

describe(`nearest responders (${testBackend()})`, () => {
  it('lists the nearest active volunteers in the scope, nearest first, the same as ranking every volunteer by metres', async () => {
    const response = await staff({ url: `/api/incidents/${incidentId}/responders?limit=15` });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { features: { id: number; properties: { rank: number; distanceMetres: number; partyMember: boolean; teamKind: string; communityId: number } }[] };
    expect(body.features).toHaveLength(15);
    const brute = await testApp.app.pg.query<{ id: string; metres: number }>(
      `SELECT volunteer.id, ST_Distance(volunteer.geom::geography, incident.geom::geography) AS metres
         FROM volunteers AS volunteer, incidents AS incident
        WHERE incident.id = $1 AND volunteer.active AND volunteer.community_id = ANY($2::int[])
        ORDER BY metres, volunteer.id LIMIT 15`,
      [incidentId, staff.user.communityIds],
    );
    expect(body.features.map((feature) => feature.id)).toEqual(brute.rows.map((row) => Number(row.id)));
    body.features.forEach((feature, index) => {
      expect(feature.properties.rank).toBe(index + 1);
      expect(feature.properties.distanceMetres).toBeCloseTo(brute.rows[index].metres, 0);
      expect(feature.properties.partyMember).toBe(['party_volunteers', 'party_proxy_service'].includes(feature.properties.teamKind));
      expect(feature.properties.communityId).toBe(taoyuan);
    });
    expect(body.features.some((feature) => feature.properties.partyMember)).toBe(true);
  });

  it('answers 404 for an incident outside the scope and 400 for a limit beyond 50', async () => {
    const elsewhere = Number((await testApp.app.pg.query(`SELECT id FROM incidents WHERE community_id <> $1 LIMIT 1`, [taoyuan])).rows[0].id);
    expect((await staff({ url: `/api/incidents/${elsewhere}/responders` })).statusCode).toBe(404);
    expect((await staff({ url: `/api/incidents/${incidentId}/responders?limit=51` })).statusCode).toBe(400);
    const fallback = (await staff({ url: `/api/incidents/${incidentId}/responders` })).json() as { features: unknown[] };
    expect(fallback.features).toHaveLength(10);
  });
});
