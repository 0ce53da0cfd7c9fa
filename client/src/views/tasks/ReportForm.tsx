import { useMemo, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { PickingInfo } from 'deck.gl';
import { INCIDENT_CATEGORIES, type IncidentCategory } from '#domain/vocabulary.ts';
import { ApiError, apiFetch } from '../../api/http.ts';
import { ofCommunity, useAreas, useFeatureList } from '../../api/queries.ts';
import type { BBox, IncidentFeature, User } from '../../api/types.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Spinner } from '../../components/Loading.tsx';
import { MapView } from '../../components/MapView.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { CATEGORY_LABELS } from '../../i18n/messages.ts';
import type { LayerBuilder } from '../../map/map-controller.ts';
import { gridLabelBuilder, gridLayers } from '../../map/layers/grids.layer.ts';
import { reportLocationLayer } from '../../map/layers/report-location.layer.ts';
import { tourStops } from '../screen/screen-data.ts';

interface Draft {
  category: IncidentCategory | '';
  title: string;
  description: string;
  location: [number, number] | null;
}

const EMPTY: Draft = { category: '', title: '', description: '', location: null };

/** The grid member's report: category, title, description and a place picked on the map or taken from the device. */
export function ReportForm({ user, onReported }: { user: User; onReported(id: number): void }) {
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const areas = useAreas();
  const stops = useMemo(() => tourStops(areas.data), [areas.data]);
  const community = stops.length === 1 ? stops[0].community : null;
  const grids = useFeatureList('grids', ofCommunity(community?.id ?? null));
  const gridFeatures = grids.data?.features;
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [locating, setLocating] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const update = (change: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...change }));
    // What was missing may now be there: the next submit says again if not.
    setProblem(null);
  };

  const builders = useMemo<LayerBuilder[]>(() => {
    const list: LayerBuilder[] = [];
    if (gridFeatures) {
      const outlines = gridLayers({ grids: gridFeatures, theme: 'light', measure: null });
      list.push(() => outlines, gridLabelBuilder({ grids: gridFeatures, theme: 'light', labelSize: 12, minZoom: 14.5 }));
    }
    if (draft.location) {
      const marker = reportLocationLayer({ location: draft.location });
      list.push(() => marker);
    }
    return list;
  }, [gridFeatures, draft.location]);

  const fitTarget = useMemo(() => {
    const boxes = stops.map((stop) => stop.community.bbox);
    if (boxes.length === 0) return null;
    const bounds: BBox = [Math.min(...boxes.map((box) => box[0])), Math.min(...boxes.map((box) => box[1])), Math.max(...boxes.map((box) => box[2])), Math.max(...boxes.map((box) => box[3]))];
    return { bounds, key: `scope-${bounds.join()}`, padding: 16 };
  }, [stops]);

  const onMapClick = (info: PickingInfo) => {
    if (info.coordinate) update({ location: [Number(info.coordinate[0].toFixed(7)), Number(info.coordinate[1].toFixed(7))] });
  };

  const useDevice = () => {
    if (!navigator.geolocation) {
      setProblem(i18n.t('report.locationDenied', { reason: 'geolocation' }));
      return;
    }
    setLocating(true);
    setProblem(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        update({ location: [Number(position.coords.longitude.toFixed(7)), Number(position.coords.latitude.toFixed(7))] });
      },
      (failure) => {
        setLocating(false);
        setProblem(i18n.t('report.locationDenied', { reason: failure.message || String(failure.code) }));
      },
      { enableHighAccuracy: true, timeout: 20_000 },
    );
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const missing = !draft.category ? 'report.categoryMissing' : draft.title.trim() === '' ? 'report.titleMissing' : !draft.location ? 'report.locationMissing' : null;
    if (missing) {
      setProblem(i18n.t(missing));
      return;
    }
    setProblem(null);
    setSubmitting(true);
    try {
      const created = await apiFetch<IncidentFeature>('/api/incidents', {
        method: 'POST',
        json: { category: draft.category, title: draft.title.trim(), description: draft.description.trim() || undefined, source: 'grid_staff', location: { type: 'Point', coordinates: draft.location } },
      });
      setDraft(EMPTY);
      await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] === 'incidents' });
      onReported(created.properties.id);
    } catch (caught) {
      // The draft stays as typed; the message says what to change.
      if (caught instanceof ApiError && caught.code === 'unprocessable' && caught.message.includes('body.location')) setProblem(i18n.t('report.outsideGrid'));
      else if (caught instanceof ApiError && caught.code === 'forbidden') setProblem(i18n.t('report.outsideScope'));
      else setError(caught);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form className="report-form" onSubmit={submit} noValidate data-testid="report-form">
      <label className="form-field">
        <span>{i18n.t('report.category')}</span>
        <select value={draft.category} onChange={(event) => update({ category: event.target.value as IncidentCategory })} data-testid="report-category">
          <option value="">{i18n.t('report.chooseCategory')}</option>
          {INCIDENT_CATEGORIES.map((category) => (
            <option key={category} value={category}>{i18n.label(CATEGORY_LABELS[category])}</option>
          ))}
        </select>
      </label>
      <label className="form-field">
        <span>{i18n.t('report.titleField')}</span>
        <input value={draft.title} maxLength={200} placeholder={i18n.t('report.titlePlaceholder')} onChange={(event) => update({ title: event.target.value })} data-testid="report-title" />
      </label>
      <label className="form-field">
        <span>{i18n.t('report.description')}</span>
        <textarea value={draft.description} maxLength={4000} rows={3} onChange={(event) => update({ description: event.target.value })} data-testid="report-description" />
      </label>
      <div className="form-field">
        <span>{i18n.t('report.location')}</span>
        <p className="hint">{i18n.t('report.locationHint')}</p>
        <MapView theme="light" layers={builders} fitTarget={fitTarget} onClick={onMapClick} showTooltips={false} className="report-map" testId="report-map" />
        <div className="report-location-row">
          <button type="button" className="button button--small" onClick={useDevice} disabled={locating} data-testid="report-use-device">
            {locating ? <Spinner size={12} /> : null}
            {locating ? i18n.t('report.locating') : i18n.t('report.useDevice')}
          </button>
          <span className="report-location" data-testid="report-location">
            {draft.location ? i18n.t('report.locationChosen', { lon: draft.location[0].toFixed(5), lat: draft.location[1].toFixed(5) }) : ''}
          </span>
        </div>
      </div>
      {problem ? <div className="form-error" role="alert" data-testid="report-problem">{problem}</div> : null}
      {error ? <ErrorMessage error={error} prefix={false} fieldLabels={{ 'body.title': i18n.t('report.titleField'), 'body.category': i18n.t('report.category'), 'body.description': i18n.t('report.description'), 'body.location': i18n.t('report.location') }} /> : null}
      <button type="submit" className="button button--primary report-submit" disabled={submitting} data-testid="report-submit">
        {submitting ? <Spinner size={14} /> : null}
        {submitting ? i18n.t('report.submitting') : i18n.t('report.submit')}
      </button>
      <p className="legend-demo">{i18n.t('app.demoData')} · {user.displayName}</p>
    </form>
  );
}
