import { useMemo, type ReactNode } from 'react';
import { ofCommunity, useFeatureList } from '../../api/queries.ts';
import type { AreaNode } from '../../api/types.ts';
import { updateQuery } from '../../app/router.ts';
import { Spinner } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { ambiguousStreetNames, streetName } from '../screen/screen-data.ts';
import type { AnalyzeFilters } from './analyze-filters.ts';

/** The area of this id in the tree, or null. */
export function findArea(node: AreaNode | null | undefined, id: number | null): AreaNode | null {
  if (!node || id === null) return null;
  if (node.id === id) return node;
  for (const child of node.children) {
    const found = findArea(child, id);
    if (found) return found;
  }
  return null;
}

/** The area filter: the user's communities under their towns, the selected community's grids under it. */
export function AreaTree({ tree, filters }: { tree: AreaNode; filters: AnalyzeFilters }) {
  const i18n = useI18n();
  const ambiguous = useMemo(() => ambiguousStreetNames(tree), [tree]);
  const grids = useFeatureList('grids', ofCommunity(filters.community));
  const renderNode = (node: AreaNode, depth: number, district: AreaNode | null = null): ReactNode => {
    if (node.level === 'city' || node.level === 'district') return node.children.map((child) => renderNode(child, depth, node.level === 'district' ? node : district));
    const selected = node.level === 'community' && filters.community === node.id && filters.grid === null;
    return (
      <li key={node.id}>
        {node.level === 'community' ? (
          <button
            type="button"
            className={`tree-item ${selected ? 'selected' : ''}`}
            style={{ paddingLeft: `${0.6 + depth * 0.9}rem` }}
            data-testid={`tree-community-${node.id}`}
            onClick={() => updateQuery({ community: filters.community === node.id && filters.grid === null ? null : node.id, grid: null, incident: null, map: null })}
          >
            <span>{i18n.areaName(node)}</span>
            <small>{i18n.number(node.counts.openIncidents)}</small>
          </button>
        ) : (
          <div className="tree-heading" style={{ paddingLeft: `${0.6 + depth * 0.9}rem` }}>
            {node.level === 'street' ? streetName(node, district, ambiguous, i18n) : i18n.areaName(node)}
          </div>
        )}
        {node.level === 'community' && filters.community === node.id ? (
          <ul>
            {grids.isPending ? (
              <li className="tree-loading"><Spinner size={12} /> {i18n.t('app.loading')}</li>
            ) : (
              grids.data?.features.map((grid) => (
                <li key={grid.properties.id}>
                  <button
                    type="button"
                    className={`tree-item tree-item--grid ${filters.grid === grid.properties.id ? 'selected' : ''}`}
                    style={{ paddingLeft: `${0.6 + (depth + 1) * 0.9}rem` }}
                    onClick={() => updateQuery({ grid: filters.grid === grid.properties.id ? null : grid.properties.id, incident: null })}
                  >
                    <span>{grid.properties.name}</span>
                    <small>{i18n.number(grid.properties.openIncidents)}</small>
                  </button>
                </li>
              ))
            )}
          </ul>
        ) : null}
        {node.children.length > 0 && node.level !== 'community' ? <ul>{node.children.map((child) => renderNode(child, depth + 1, district))}</ul> : null}
      </li>
    );
  };
  return (
    <ul className="area-tree" data-testid="area-tree">
      <li>
        <button type="button" className={`tree-item ${filters.community === null ? 'selected' : ''}`} onClick={() => updateQuery({ community: null, grid: null, incident: null, map: null })}>
          <span>{i18n.t('analyze.allAreas')}</span>
        </button>
      </li>
      {renderNode(tree, 0)}
    </ul>
  );
}
