import { updateQuery } from '../../app/router.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/** A filter over a closed list of codes (categories, statuses) as chips; "all" leaves the parameter out of the URL. */
export function CheckList<T extends string>({ title, all, selected, labelOf, colourOf, param, testId }: { title: string; all: readonly T[]; selected: T[]; labelOf(value: T): string; colourOf(value: T): string; param: string; testId: string }) {
  const i18n = useI18n();
  const set = (values: T[]) => updateQuery({ [param]: values.length === all.length ? null : values.length === 0 ? 'none' : values, incident: null });
  return (
    <fieldset className="filter-group" data-testid={testId}>
      <legend>
        {title}
        <span className="filter-group-actions">
          <button type="button" className="link-button" onClick={() => set([...all])}>{i18n.t('analyze.all')}</button>
          <button type="button" className="link-button" onClick={() => set([])}>{i18n.t('analyze.none')}</button>
        </span>
      </legend>
      <div className="chip-list">
        {all.map((value) => {
          const checked = selected.includes(value);
          return (
            <label key={value} className={`chip ${checked ? 'chip--on' : ''}`} data-testid={`${testId}-${value}`}>
              <input type="checkbox" checked={checked} onChange={() => set(checked ? selected.filter((item) => item !== value) : all.filter((item) => item === value || selected.includes(item)))} />
              <span className="chip-dot" style={{ background: colourOf(value) }} />
              {labelOf(value)}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
