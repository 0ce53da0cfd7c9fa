import type { GridFeature } from '../../api/types.ts';
import { updateQuery } from '../../app/router.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/** The selected grid's facts, over the map. */
export function GridCard({ grid }: { grid: GridFeature }) {
  const i18n = useI18n();
  const properties = grid.properties;
  return (
    <div className="plan-grid-card" data-testid="grid-card">
      <header>
        <h3>{properties.name}</h3>
        <button type="button" className="button button--small button--ghost" onClick={() => updateQuery({ grid: null })}>
          {i18n.t('plan.clearSelection')}
        </button>
      </header>
      <dl>
        <dt>{i18n.t('plan.partyBranch')}</dt>
        <dd>{properties.partyBranch ?? '–'}</dd>
        <dt>{i18n.t('plan.households')}</dt>
        <dd>{i18n.number(properties.households)} / {i18n.t('plan.target')} {i18n.number(properties.targetHouseholds)}</dd>
        <dt>{i18n.t('plan.residents')}</dt>
        <dd>{i18n.number(properties.residents)} ({i18n.t('plan.elderly')} {i18n.number(properties.elderlyResidents)})</dd>
        <dt>{i18n.t('plan.compounds')} / {i18n.t('plan.buildings')}</dt>
        <dd>{i18n.number(properties.compounds)} / {i18n.number(properties.buildings)}</dd>
        <dt>{i18n.t('plan.staff')}</dt>
        <dd>{i18n.number(properties.staff)}</dd>
        <dt>{i18n.t('plan.volunteers')}</dt>
        <dd>{i18n.number(properties.volunteers)}</dd>
        <dt>{i18n.t('plan.openIncidents')}</dt>
        <dd>{i18n.number(properties.openIncidents)}</dd>
      </dl>
    </div>
  );
}
