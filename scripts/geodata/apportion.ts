/** Splits a whole number in proportion to weights (largest remainder; ties go to the earlier entry). */
export function apportion(total: number, weights: readonly number[], minimum = 0): number[] {
  const rest = total - minimum * weights.length;
  if (rest < 0) throw new Error(`cannot give ${minimum} each of ${total} to ${weights.length}`);
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const exact = weights.map((weight) => (weightSum > 0 ? (rest * weight) / weightSum : rest / weights.length));
  const result = exact.map((value) => minimum + Math.floor(value));
  let left = total - result.reduce((sum, value) => sum + value, 0);
  const order = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (let position = 0; left > 0; position = (position + 1) % order.length, left--) result[order[position].index] += 1;
  return result;
}

/** Like apportion, but no entry gets more than its cap; what a capped entry cannot take goes to the others. */
export function apportionWithCaps(total: number, weights: readonly number[], caps: readonly number[], minimum = 0): number[] {
  const fixed = new Map<number, number>();
  for (;;) {
    const free = weights.map((_, index) => index).filter((index) => !fixed.has(index));
    const remaining = total - [...fixed.values()].reduce((sum, value) => sum + value, 0);
    if (free.length === 0) {
      if (remaining !== 0) throw new Error(`cannot fit ${total} into capacities ${caps.join(', ')}`);
      return weights.map((_, index) => fixed.get(index) as number);
    }
    const floor = remaining >= minimum * free.length ? minimum : 0;
    const shares = apportion(
      remaining,
      free.map((index) => weights[index]),
      floor,
    );
    const over = free.filter((index, position) => shares[position] > caps[index]);
    if (over.length === 0) {
      const result = weights.map((_, index) => fixed.get(index) ?? 0);
      free.forEach((index, position) => (result[index] = shares[position]));
      return result;
    }
    for (const index of over) fixed.set(index, caps[index]);
  }
}
