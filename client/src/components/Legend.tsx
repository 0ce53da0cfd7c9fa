import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

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
