// Staff load (DESIGN.md §6): households per grid staff member, for a grid or a community. One rule, used by the
// server's figures and the client's choropleth and tooltips.

/** Households each staff member serves; null where there is no staff member (an unstaffed grid is not "0"). */
export function householdsPerStaff({ households, staff }: { households: number; staff: number }): number | null {
  return staff > 0 ? households / staff : null;
}
