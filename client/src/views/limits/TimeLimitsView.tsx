// 办理时限: the city's admin sees and edits the per-step time limits of every incident category (GET and PUT
// /api/time-limits). Cells are checked as they are typed; only the changed ones are sent, all or nothing.
import { useMemo, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, apiFetch } from '../../api/http.ts';
import { useTimeLimits } from '../../api/queries.ts';
import type { TimeLimitTable, User } from '../../api/types.ts';
import { formatDuration } from '../../app/due.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { LoadingOverlay, Spinner } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { CATEGORY_LABELS, STATUS_LABELS } from '../../i18n/messages.ts';
import { CATEGORY_COLOURS, STATUS_COLOURS } from '../../map/palette.ts';
import { parseHours } from './limit-hours.ts';
import './limits.css';

type Category = TimeLimitTable['categories'][number]['code'];
type Status = TimeLimitTable['statuses'][number]['code'];
const cellKey = (category: Category, status: Status) => `${category}.${status}`;

export default function TimeLimitsView({ user }: { user: User }) {
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const limits = useTimeLimits();
  /** What the admin typed, per cell (category.status); cells not typed in show the limit in force. */
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const table = limits.data;

  const { changes, invalid } = useMemo(() => {
    const found: { category: Category; status: Status; hours: number }[] = [];
    const wrong = new Set<string>();
    if (!table) return { changes: found, invalid: wrong };
    for (const [key, text] of Object.entries(drafts)) {
      const [category, status] = key.split('.') as [Category, Status];
      const hours = parseHours(text, table);
      if (hours === null) wrong.add(key);
      else if (hours !== table.hours[category][status]) found.push({ category, status, hours });
    }
    return { changes: found, invalid: wrong };
  }, [drafts, table]);

  // The cells a refusal names (details: [{ field: 'body.hours.<category>.<status>', reason }]), marked like the ones caught here.
  const refused = new Set<string>(
    (error instanceof ApiError && Array.isArray(error.details) ? (error.details as { field?: unknown }[]) : []).flatMap((detail) => {
      const match = typeof detail.field === 'string' ? /^body\.hours\.(\w+)\.(\w+)$/.exec(detail.field) : null;
      return match ? [`${match[1]}.${match[2]}`] : [];
    }),
  );

  if (limits.isPending) return <LoadingOverlay label={i18n.t('app.loading')} />;
  if (limits.error || !table) {
    return (
      <div className="limits-view">
        <div className="limits-content">{limits.error ? <ErrorMessage error={limits.error} onRetry={() => limits.refetch()} /> : null}</div>
      </div>
    );
  }

  const categoryLabel = (code: Category) => i18n.label(CATEGORY_LABELS[code], code);
  const statusLabel = (code: Status) => i18n.label(STATUS_LABELS[code], code);
  // A refused field (body.hours.<category>.<status>) is named as the admin sees it: 安全隐患 · 上报.
  const fieldLabels = Object.fromEntries(
    table.categories.flatMap(({ code: category }) => [
      [`body.hours.${category}`, categoryLabel(category)],
      ...table.statuses.map(({ code: status }) => [`body.hours.${category}.${status}`, `${categoryLabel(category)} · ${statusLabel(status)}`]),
    ]),
  );
  const bounds = { min: i18n.number(table.minHours), max: i18n.number(table.maxHours), step: i18n.number(table.stepHours), days: i18n.number(table.maxHours / 24) };
  const readOnly = user.readOnly || user.role !== 'admin';

  const edit = (category: Category, status: Status, text: string) => {
    setSaved(null);
    setError(null);
    setDrafts((current) => ({ ...current, [cellKey(category, status)]: text }));
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (invalid.size > 0 || changes.length === 0) return;
    setSaving(true);
    setError(null);
    const hours: Record<string, Record<string, number>> = {};
    for (const change of changes) (hours[change.category] ??= {})[change.status] = change.hours;
    try {
      const updated = await apiFetch<TimeLimitTable>('/api/time-limits', { method: 'PUT', json: { hours } });
      queryClient.setQueryData(['time-limits'], updated);
      setDrafts({});
      setSaved(changes.length);
      // Overdue flags, deadlines and counts follow the limits: every incident list, detail and KPI is read again.
      await queryClient.invalidateQueries({ predicate: (query) => !['session', 'time-limits'].includes(String(query.queryKey[0])) });
    } catch (caught) {
      setError(caught);
      // The first cell the server named, in view.
      const field = caught instanceof ApiError && Array.isArray(caught.details) ? (caught.details as { field?: string }[])[0]?.field : undefined;
      const cell = field ? /^body\.hours\.(\w+)\.(\w+)$/.exec(field) : null;
      if (cell) document.querySelector<HTMLInputElement>(`[data-testid="limit-${cell[1]}-${cell[2]}"]`)?.scrollIntoView({ block: 'nearest' });
    } finally {
      setSaving(false);
    }
  };

  const resetToDefaults = () => {
    setSaved(null);
    setDrafts(
      Object.fromEntries(table.categories.flatMap(({ code: category }) => table.statuses.map(({ code: status }) => [cellKey(category, status), String(table.defaultHours[category][status])]))),
    );
  };

  return (
    <div className="limits-view" data-testid="time-limits">
      <form className="limits-content" onSubmit={save}>
        <h1>{i18n.t('limits.title')}</h1>
        <p className="hint">{i18n.t('limits.intro')}</p>
        <p className="limits-meta">
          <span>{i18n.t('limits.bounds', bounds)}</span>
          <span>{i18n.t('limits.urgentNote')}</span>
          <span data-testid="limits-last-change">
            {table.updatedBy ? i18n.t('limits.lastChange', { who: table.updatedBy, time: i18n.dateTime(table.updatedAt) }) : i18n.t('limits.neverChanged')}
          </span>
        </p>
        <div className="limits-table-wrap">
          <table className="limits-table" data-testid="limits-table">
            <thead>
              <tr>
                <th scope="col">{i18n.t('limits.category')}</th>
                {table.statuses.map(({ code }) => (
                  <th scope="col" key={code}>
                    <span className="limits-status-dot" style={{ background: STATUS_COLOURS[code] }} />
                    {statusLabel(code)}
                    <span className="limits-unit">{i18n.t('limits.hoursUnit')}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.categories.map(({ code: category }) => (
                <tr key={category} data-testid="limits-row" data-category={category}>
                  <th scope="row">
                    <span className="limits-category" style={{ background: CATEGORY_COLOURS[category] }}>
                      {categoryLabel(category)}
                    </span>
                  </th>
                  {table.statuses.map(({ code: status }) => {
                    const key = cellKey(category, status);
                    const text = drafts[key] ?? String(table.hours[category][status]);
                    const wrong = invalid.has(key) || refused.has(key);
                    const hours = wrong ? null : parseHours(text, table);
                    const changed = !wrong && hours !== null && hours !== table.hours[category][status];
                    const fallback = table.defaultHours[category][status];
                    const name = `${categoryLabel(category)} · ${statusLabel(status)}`;
                    return (
                      <td key={status} className={`limits-cell ${changed ? 'limits-cell--changed' : ''} ${wrong ? 'limits-cell--invalid' : ''}`}>
                        <input
                          type="number"
                          inputMode="decimal"
                          min={table.minHours}
                          max={table.maxHours}
                          step={table.stepHours}
                          value={text}
                          disabled={readOnly || saving}
                          aria-label={name}
                          aria-invalid={wrong}
                          title={wrong ? i18n.t('limits.invalid', bounds) : undefined}
                          onChange={(event) => edit(category, status, event.target.value)}
                          data-testid={`limit-${category}-${status}`}
                        />
                        <span className="limits-cell-note">
                          {wrong ? i18n.t('limits.invalid', bounds) : hours !== null ? formatDuration(hours * 3_600_000, i18n) : null}
                          {!wrong && hours !== fallback ? <em title={i18n.t('limits.differsFromDefault')}>{i18n.t('limits.default', { hours: i18n.number(fallback) })}</em> : null}
                        </span>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {readOnly ? null : (
          <div className="limits-actions">
            {error ? <ErrorMessage error={error} prefix={false} fieldLabels={fieldLabels} /> : null}
            {saved !== null ? (
              <p className="form-success" role="status" data-testid="limits-saved">
                {i18n.t('limits.saved', { count: i18n.number(saved) })}
              </p>
            ) : null}
            <span className={`limits-status ${invalid.size > 0 ? 'limits-status--invalid' : ''}`} data-testid="limits-status">
              {invalid.size > 0 ? i18n.t('limits.fixFirst', { count: i18n.number(invalid.size) }) : changes.length > 0 ? i18n.t('limits.changed', { count: i18n.number(changes.length) }) : i18n.t('limits.unchanged')}
            </span>
            <button type="button" className="button" onClick={resetToDefaults} disabled={saving} data-testid="limits-defaults">
              {i18n.t('limits.resetDefaults')}
            </button>
            <button type="button" className="button" onClick={() => { setDrafts({}); setError(null); }} disabled={saving || Object.keys(drafts).length === 0} data-testid="limits-discard">
              {i18n.t('limits.discard')}
            </button>
            <button type="submit" className="button button--primary" disabled={saving || invalid.size > 0 || changes.length === 0} data-testid="limits-save">
              {saving ? <Spinner size={14} /> : null}
              {saving ? i18n.t('limits.saving') : i18n.t('limits.save')}
            </button>
          </div>
        )}
      </form>
    </div>
  );
}
