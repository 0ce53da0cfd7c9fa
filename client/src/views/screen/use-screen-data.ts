import { useMemo } from 'react';
import { OPEN_STATUSES } from '#domain/workflow.ts';
import { ofCommunity, useFeatureList, usePatrolCoverage, usePatrolWindowCoverage, useServiceCoverage } from '../../api/queries.ts';
import { useNow } from '../../app/use-now.ts';
import { toPatrolTrips } from '../../map/layers/patrol-trips.layer.ts';
import { withLivePositions, type PatrolPositions } from './live-patrols.ts';
import { daysAgoIso } from './screen-data.ts';
import type { ScreenLayer } from './screen-settings.ts';

/** Days of incidents the heat map covers. */
const HEAT_DAYS = 30;
const HOUR = 3_600_000;
/** More than any community has; the display never pages through more. */
const MAX_INCIDENTS = 20_000;

/** What the display's map draws for one community: each list asked only while its layer is on. */
export function useScreenData(communityId: number | null, layers: ReadonlySet<ScreenLayer>, refetchInterval: number, livePositions: readonly PatrolPositions[] = []) {
  const community = ofCommunity(communityId);
  const grids = useFeatureList('grids', community, { refetchInterval: refetchInterval * 5 });
  const buildings = useFeatureList('buildings', layers.has('buildings') ? community : null);
  const servicePoints = useFeatureList('service-points', layers.has('services') ? community : null);
  // The patrol night is the server's (one definition): the routes are those of the night the coverage is about.
  // While tonight's is under way (20:00-23:00), tonight's patrols are drawn too, as the live positions extend them.
  const coverage = usePatrolCoverage(communityId, { refetchInterval });
  const patrols = useFeatureList('patrols', layers.has('patrols') && community && coverage.data ? { ...community, night: coverage.data.night } : null);
  const tonight = coverage.data?.tonight?.night ?? null;
  const tonightPatrols = useFeatureList('patrols', layers.has('patrols') && community && tonight ? { ...community, night: tonight } : null);
  const volunteerTeams = useFeatureList('volunteer-teams', layers.has('volunteers') && community ? { ...community, members: true } : null);
  // The heat map's window moves on every hour; in between its query (and cache) stays the same.
  const now = useNow(HOUR);
  const heatIncidents = useFeatureList('incidents', layers.has('heat') && community ? { ...community, from: daysAgoIso(HEAT_DAYS, now) } : null, { maxFeatures: MAX_INCIDENTS, refetchInterval });
  // Every open incident, whatever its age: what the open and overdue KPIs count is what the map draws.
  const openIncidents = useFeatureList('incidents', community ? { ...community, statuses: OPEN_STATUSES } : null, { maxFeatures: MAX_INCIDENTS, refetchInterval });
  // The last 30 nights: a figure always, the heat surface and the courtyards patrolled too rarely when their layer is on.
  // A heavy query that changes once a night: asked after what the wall shows first, not in the same burst.
  const patrolWindow = usePatrolWindowCoverage(communityId, { refetchInterval: refetchInterval * 5, enabled: communityId !== null && coverage.data !== undefined && openIncidents.data !== undefined });

  // Service coverage: the life-circle figure always, the uncovered buildings drawn when their layer is on.
  const serviceCoverage = useServiceCoverage(communityId);
  const trips = useMemo(() => toPatrolTrips(patrols.data?.features ?? []), [patrols.data]);
  const liveTrips = useMemo(() => (tonight ? toPatrolTrips(withLivePositions(tonightPatrols.data?.features ?? [], livePositions)) : null), [tonight, tonightPatrols.data, livePositions]);
  const volunteerHomes = useMemo(() => (volunteerTeams.data?.features ?? []).flatMap((team) => (team.geometry?.coordinates ?? []) as [number, number][]), [volunteerTeams.data]);
  return {
    grids: grids.data?.features,
    buildings: buildings.data?.features,
    servicePoints: servicePoints.data?.features,
    serviceCoverage: serviceCoverage.data,
    uncovered: layers.has('uncovered') ? serviceCoverage.data?.uncovered.features : undefined,
    coverage: coverage.data,
    patrolWindow: patrolWindow.data,
    trips,
    liveTrips,
    volunteerHomes,
    heatIncidents: heatIncidents.data?.features,
    openIncidents: openIncidents.data?.features,
    isFetching: openIncidents.isFetching || grids.isFetching,
  };
}
