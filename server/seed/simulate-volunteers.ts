import { LocalFrame } from '#domain/local-frame.ts';
import type { SeededRandom } from '#domain/random.ts';
import { ringCentre, type CommunityContext } from './demo-index.ts';

export interface SimulatedVolunteer {
  teamCode: string;
  buildingCode: string;
  squad: number;
  active: boolean;
  joinedOn: string;
  lonLat: [number, number];
}

/** Every team's members, each living in a building of the team's community (weighted by residents). */
export function simulateVolunteers(communities: CommunityContext[], random: SeededRandom, now: Date): SimulatedVolunteer[] {
  const volunteers: SimulatedVolunteer[] = [];
  for (const community of communities) {
    if (community.buildings.length === 0) continue;
    const weights = community.buildings.map((building) => building.properties.residents);
    const frame = new LocalFrame(...ringCentre(community.buildings[0].geometry));
    for (const team of community.volunteerTeams) {
      for (let member = 0; member < team.member_count; member++) {
        const building = community.buildings[random.weightedIndex(weights)];
        // Somewhere inside the footprint: the demo footprints are rectangles at least 8 m across.
        const [x, y] = frame.toMetres(ringCentre(building.geometry));
        const lonLat = frame.toLonLat([x + random.between(-2, 2), y + random.between(-2, 2)]);
        const joined = new Date(now.getTime() - random.between(10, 6 * 365) * 86_400_000);
        volunteers.push({
          teamCode: team.code,
          buildingCode: building.properties.code,
          squad: 1 + (member % team.squad_count),
          active: random.chance(0.85),
          joinedOn: joined.toISOString().slice(0, 10),
          lonLat: [Number(lonLat[0].toFixed(7)), Number(lonLat[1].toFixed(7))],
        });
      }
    }
  }
  return volunteers;
}
