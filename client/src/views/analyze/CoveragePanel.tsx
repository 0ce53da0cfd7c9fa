// 覆盖指标: the selected community's coverage measures (DESIGN.md §6), each a figure and a switch that lays it on
// the map under the incidents (`?overlay=`). The patrol and service figures are the server's; the volunteer
// density and staff load add up the community's grids.
import { householdsPerStaff } from '#domain/staff-load.ts';
import type { GridFeature, PatrolWindowCoverage, ServiceCoverage } from '../../api/types.ts';
import { updateQuery } from '../../app/router.ts';
import { Spinner } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { volunteersPerThousand } from '../../map/grid-measures.ts';
import type { CoverageOverlay } from './analyze-filters.ts';

export interface CoveragePanelProps {
  community: number | null;
  overlay: CoverageOverlay | null;
  patrols?: PatrolWindowCoverage;
  services?: ServiceCoverage;
  /** The community's grids. */
  grids?: GridFeature[];
  loading: boolean;
}

export function CoveragePanel({ community, overlay, patrols, services, grids, loading }: CoveragePanelProps) {
  const i18n = useI18n();
  const percent = (share: number | null | undefined) => (share === null || share === undefined ? '–' : `${i18n.number(share * 100, { maximumFractionDigits: 0 })}%`);
  if (community === null) {
    return (
      <section className="coverage-panel" data-testid="coverage-panel">
        <h3>{i18n.t('analyze.coverage')}</h3>
        <p className="hint">{i18n.t('analyze.coverage.pick')}</p>
      </section>
    );
  }
  const own = grids?.filter((grid) => grid.properties.communityId === community) ?? [];
  const sum = (key: 'households' | 'residents' | 'staff' | 'volunteers') => own.reduce((total, grid) => total + grid.properties[key], 0);
  const ofCommunity = <T extends { communityId: number }>(value: T | undefined) => (value?.communityId === community ? value : undefined);
  const patrol = ofCommunity(patrols);
  const service = ofCommunity(services);
  const within500 = service?.kinds.find((kind) => kind.kind === 'any')?.within['500'];
  const staffLoad = own.length > 0 ? householdsPerStaff({ households: sum('households'), staff: sum('staff') }) : null;
  const rows: Array<{ overlay: CoverageOverlay; label: string; value: string; note: string }> = [
    {
      overlay: 'patrols',
      label: i18n.t('analyze.coverage.patrols', { nights: patrol?.nightCount ?? 30 }),
      value: percent(patrol?.coverage),
      note: patrol ? i18n.t('analyze.coverage.regular', { regular: i18n.number(patrol.regular), total: i18n.number(patrol.compounds) }) : '',
    },
    {
      overlay: 'services',
      label: i18n.t('analyze.coverage.services'),
      value: percent(within500?.share),
      note: service && within500 ? i18n.t('analyze.coverage.servicesNote', { count: i18n.number(service.households - within500.households) }) : '',
    },
    {
      overlay: 'volunteers',
      label: i18n.t('analyze.coverage.volunteers'),
      value: own.length > 0 ? i18n.number(volunteersPerThousand({ volunteers: sum('volunteers'), residents: sum('residents') }), { maximumFractionDigits: 1 }) : '–',
      note: own.length > 0 ? i18n.t('analyze.coverage.volunteersNote', { count: i18n.number(sum('volunteers')) }) : '',
    },
    {
      overlay: 'staff',
      label: i18n.t('analyze.coverage.staff'),
      value: staffLoad === null ? '–' : i18n.number(staffLoad, { maximumFractionDigits: 0 }),
      note: own.length > 0 ? i18n.t('analyze.coverage.staffNote', { count: i18n.number(sum('staff')) }) : '',
    },
  ];
  return (
    <section className="coverage-panel" data-testid="coverage-panel" data-community-id={community}>
      <h3>
        {i18n.t('analyze.coverage')}
        {loading ? <Spinner /> : null}
      </h3>
      <ul className="coverage-list">
        {rows.map((row) => {
          const shown = overlay === row.overlay;
          return (
            <li key={row.overlay}>
              <button
                type="button"
                className={`coverage-item ${shown ? 'is-shown' : ''}`}
                aria-pressed={shown}
                title={shown ? i18n.t('analyze.coverage.shown') : i18n.t('analyze.coverage.show')}
                data-testid={`coverage-${row.overlay}`}
                onClick={() => updateQuery({ overlay: shown ? null : row.overlay })}
              >
                <span className="coverage-label">{row.label}</span>
                <b className="coverage-value" data-testid={`coverage-${row.overlay}-value`}>{row.value}</b>
                <small className="coverage-note">{row.note}</small>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
