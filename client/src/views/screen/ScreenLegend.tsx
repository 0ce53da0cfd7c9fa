import type { PatrolWindowCoverage, ServicePointFeature } from '../../api/types.ts';
import { Legend, LegendRamp, LegendSection, PatrolWindowLegend } from '../../components/Legend.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { SERVICE_POINT_LABELS, STATUS_LABELS } from '../../i18n/messages.ts';
import type { GridMeasure } from '../../map/grid-measures.ts';
import { OVERDUE_COLOUR, RAMPS, SERVICE_POINT_STYLE, STATUS_COLOURS, THEME_OVERLAY, UNCOVERED_COLOUR, rgbaToCss } from '../../map/palette.ts';
import type { ScreenLayer } from './screen-settings.ts';

export interface ScreenLegendProps {
  layers: ReadonlySet<ScreenLayer>;
  measure: GridMeasure;
  /** The patrol night's date as shown, e.g. 11/28. */
  nightDate: string;
  /** Whether any patrol was recorded that night; if not, nothing counts as missed. */
  patrolled: boolean;
  missedCount: number;
  patrolWindow?: PatrolWindowCoverage;
  /** Patrols under way tonight, drawn live. */
  livePatrols?: number;
  servicePoints?: ServicePointFeature[];
}

/** The display's legend, bottom left: a section per layer that is switched on. */
export function ScreenLegend({ layers, measure, nightDate, patrolled, missedCount, patrolWindow, livePatrols = 0, servicePoints }: ScreenLegendProps) {
  const i18n = useI18n();
  const overlay = THEME_OVERLAY.dark;
  return (
    <Legend className="screen-legend">
      {layers.has('heat') ? (
        <LegendSection title={i18n.t('layer.heat')}>
          <LegendRamp colours={RAMPS.heat} />
        </LegendSection>
      ) : null}
      {layers.has('points') ? (
        <LegendSection
          title={i18n.t('layer.points')}
          items={[
            { colour: STATUS_COLOURS.reported, label: i18n.label(STATUS_LABELS.reported), shape: 'circle' },
            { colour: STATUS_COLOURS.in_progress, label: i18n.label(STATUS_LABELS.in_progress), shape: 'circle' },
            { colour: OVERDUE_COLOUR, label: i18n.t('legend.overdue'), shape: 'circle' },
          ]}
        />
      ) : null}
      {layers.has('patrols') || layers.has('missed') ? (
        <LegendSection
          title={`${i18n.t('layer.patrols')} · ${nightDate}`}
          items={[
            ...(layers.has('patrols') ? [{ colour: rgbaToCss(overlay.patrolTrail), label: i18n.t('layer.patrols'), shape: 'line' as const }] : []),
            ...(layers.has('patrols') && livePatrols > 0 ? [{ colour: rgbaToCss(overlay.livePatrol), label: i18n.t('legend.livePatrol'), shape: 'line' as const }] : []),
            ...(layers.has('missed') ? [{ colour: rgbaToCss(overlay.missedLine), label: patrolled ? i18n.t('screen.missedCount', { count: missedCount }) : i18n.t('screen.noPatrolRecorded'), shape: 'outline' as const }] : []),
          ]}
        />
      ) : null}
      {layers.has('patrolWindow') && patrolWindow ? <PatrolWindowLegend coverage={patrolWindow} /> : null}
      {layers.has('volunteers') ? (
        <LegendSection title={i18n.t('layer.volunteers')}>
          <LegendRamp colours={RAMPS.volunteers} />
        </LegendSection>
      ) : null}
      {layers.has('services') ? (
        <LegendSection
          title={i18n.t('layer.services')}
          items={Object.entries(SERVICE_POINT_STYLE)
            .filter(([kind]) => servicePoints?.some((point) => point.properties.kind === kind))
            .map(([kind, style]) => ({ colour: style.colour, glyph: style.glyph, shape: 'circle' as const, label: i18n.label(SERVICE_POINT_LABELS[kind as keyof typeof SERVICE_POINT_LABELS]) }))}
        />
      ) : null}
      {layers.has('uncovered') ? <LegendSection title={i18n.t('layer.uncovered')} items={[{ colour: UNCOVERED_COLOUR, label: i18n.t('legend.uncovered') }]} /> : null}
      {layers.has('grids') ? (
        <LegendSection title={`${i18n.t('layer.grids')} · ${i18n.t(`measure.${measure}`)}`}>
          <LegendRamp colours={RAMPS.darkSequential} />
        </LegendSection>
      ) : null}
    </Legend>
  );
}
