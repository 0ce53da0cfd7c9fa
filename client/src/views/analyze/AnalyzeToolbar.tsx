import { useState } from 'react';
import { apiUrl } from '../../api/http.ts';
import type { IncidentFilter } from '../../api/queries.ts';
import type { User } from '../../api/types.ts';
import { updateQuery } from '../../app/router.ts';
import { Spinner } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { DrawingKind } from '../../map/area-drawing.ts';
import { DISPLAY_MODES, type AnalyzeFilters } from './analyze-filters.ts';
import { areaPolygon, DRAWN_AREA_KINDS, drawnAreaText } from './drawn-area.ts';
import { RESULT_CAP } from './use-incident-results.ts';

export interface AnalyzeToolbarProps {
  user: User;
  filters: AnalyzeFilters;
  request: IncidentFilter;
  count: number;
  capped: boolean;
  loading: boolean;
  progress: number;
  /** The shape being drawn, if any. */
  drawing: DrawingKind | null;
  onDraw(kind: DrawingKind | null): void;
  onExportImage(): Promise<void>;
}

/** Above the map: heatmap / hexbins / points, the result count, exports and the share link. */
export function AnalyzeToolbar({ user, filters, request, count, capped, loading, progress, drawing, onDraw, onExportImage }: AnalyzeToolbarProps) {
  const [exporting, setExporting] = useState(false);
  const mode = filters.mode;
  const i18n = useI18n();
  const [copied, setCopied] = useState(false);
  // Exports come from the server (/api/incidents/export), which checks the role: analysts and admins.
  const mayExport = user.role === 'analyst' || user.role === 'admin';
  // A drawn area goes along as GeoJSON text: the file holds what the map shows.
  const area = filters.area ? JSON.stringify(areaPolygon(filters.area)) : undefined;
  const exportUrl = (format: 'csv' | 'geojson' | 'gpkg') => apiUrl('/api/incidents/export', { ...request, area, format });
  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
    } catch {
      window.prompt(i18n.t('analyze.copyLink'), window.location.href);
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <div className="analyze-toolbar">
      <div className="segmented" role="radiogroup" aria-label={i18n.t('analyze.mode')}>
        {DISPLAY_MODES.map((item) => (
          <button key={item} type="button" role="radio" aria-checked={mode === item} className={mode === item ? 'active' : ''} data-testid={`mode-${item}`} onClick={() => updateQuery({ mode: item === 'heat' ? null : item })}>
            {i18n.t(`analyze.mode.${item}`)}
          </button>
        ))}
      </div>
      <div className="draw-tools" role="group" aria-label={i18n.t('analyze.drawArea')}>
        <span className="draw-tools-label">{i18n.t('analyze.drawArea')}</span>
        {DRAWN_AREA_KINDS.map((kind) => (
          <button key={kind} type="button" className={`button button--small${drawing === kind ? ' button--primary' : ''}`} aria-pressed={drawing === kind} data-testid={`draw-${kind}`} onClick={() => onDraw(drawing === kind ? null : kind)}>
            {i18n.t(`analyze.draw.${kind}`)}
          </button>
        ))}
        {filters.area ? (
          <span className="area-chip" data-testid="area-chip">
            {drawnAreaText(filters.area, i18n)}
            <button type="button" aria-label={i18n.t('analyze.draw.clear')} title={i18n.t('analyze.draw.clear')} data-testid="clear-area" onClick={() => updateQuery({ area: null, incident: null }, { replace: false })}>
              ×
            </button>
          </span>
        ) : null}
      </div>
      <div className="result-count" data-testid="result-count" data-count={loading ? '' : String(count)}>
        {loading ? (
          <>
            <Spinner size={14} /> {i18n.t('analyze.loadingResults', { count: i18n.number(progress) })}
          </>
        ) : (
          <>
            {i18n.t('analyze.resultCount', { count: i18n.number(count) })}
            {capped ? ` ${i18n.t('analyze.resultCapped', { count: i18n.number(RESULT_CAP) })}` : ''}
          </>
        )}
      </div>
      <div className="toolbar-actions">
        {mayExport ? (
          <>
            <a className={`button button--small${count === 0 ? ' button--disabled' : ''}`} data-testid="export-geojson" href={exportUrl('geojson')} download aria-disabled={count === 0}>
              {i18n.t('analyze.exportGeoJson')}
            </a>
            <a className={`button button--small${count === 0 ? ' button--disabled' : ''}`} data-testid="export-csv" href={exportUrl('csv')} download aria-disabled={count === 0}>
              {i18n.t('analyze.exportCsv')}
            </a>
            <a className={`button button--small${count === 0 ? ' button--disabled' : ''}`} data-testid="export-gpkg" href={exportUrl('gpkg')} download aria-disabled={count === 0} title={i18n.t('analyze.exportGpkgHelp')}>
              {i18n.t('analyze.exportGpkg')}
            </a>
          </>
        ) : null}
        <button
          type="button"
          className="button button--small"
          data-testid="export-png"
          disabled={exporting || loading}
          onClick={async () => {
            setExporting(true);
            try {
              await onExportImage();
            } finally {
              setExporting(false);
            }
          }}
        >
          {i18n.t('analyze.exportPng')}
        </button>
        <button type="button" className="button button--small button--primary" data-testid="share-link" onClick={copyLink}>
          {copied ? i18n.t('analyze.linkCopied') : i18n.t('analyze.copyLink')}
        </button>
      </div>
    </div>
  );
}
