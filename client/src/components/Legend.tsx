import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { NEVER_PATROLLED_COLOUR, RAMPS } from '../map/palette.ts';

export interface LegendItem {
  colour: string;
  label: string;
  shape?: 'square' | 'circle' | 'line' | 'outline';
  glyph?: string;
}

export function LegendSwatch({ colour, shape = 'square', glyph }: Omit<LegendItem, 'label'>) {
  return (
    <span className={`legend-swatch legend-swatch--${shape}`} style={shape === 'outline' ? { borderColor: colour } : { background: colour }}>
      {glyph}
    </span>
  );
}

export function LegendRamp({ colours, low, high }: { colours: readonly string[]; low?: string; high?: string }) {
  const { t } = useI18n();
  return (
    <div className="legend-ramp">
      <span className="legend-ramp-bar" style={{ background: `linear-gradient(90deg, ${colours.join(', ')})` }} />
      <span className="legend-ramp-labels">
        <span>{low ?? t('legend.low')}</span>
        <span>{high ?? t('legend.high')}</span>
      </span>
    </div>
  );
}

export function LegendSection({ title, items, children }: { title: string; items?: LegendItem[]; children?: ReactNode }) {
  return (
    <div className="legend-section">
      <div className="legend-title">{title}</div>
      {items?.map((item) => (
        <div className="legend-item" key={item.label}>
          <LegendSwatch colour={item.colour} shape={item.shape} glyph={item.glyph} />
          <span>{item.label}</span>
        </div>
      ))}
      {children}
    </div>
  );
}

export function Legend({ children, className }: { children: ReactNode; className?: string }) {
  const { t } = useI18n();
  return (
    <div className={`legend ${className ?? ''}`} aria-label={t('map.legend')} data-testid="legend">
      {children}
    </div>
  );
}

/** The legend of the patrol coverage over a window of nights (heat hexagons and the courtyards patrolled too rarely), on /screen and /analyze. */
export function PatrolWindowLegend({ coverage }: { coverage: { nightCount: number; regularShare: number; uncovered: { features: unknown[] } } }) {
  const { t } = useI18n();
  return (
    <LegendSection
      title={t('layer.patrolWindowNights', { nights: coverage.nightCount })}
      items={[
        { colour: NEVER_PATROLLED_COLOUR, label: t('legend.neverPatrolled') },
        { colour: NEVER_PATROLLED_COLOUR, label: t('legend.irregularCourtyards', { count: coverage.uncovered.features.length, share: Math.round(coverage.regularShare * 100) }), shape: 'outline' },
      ]}
    >
      <div className="legend-subtitle">{t('legend.patrolNights')}</div>
      <LegendRamp colours={RAMPS.patrolNights} low={t('legend.nights', { count: 1 })} high={t('legend.nights', { count: coverage.nightCount })} />
    </LegendSection>
  );
}
