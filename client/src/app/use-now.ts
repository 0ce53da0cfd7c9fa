import { useEffect, useState } from 'react';

/** The time (epoch milliseconds), renewed every `intervalMs`: for clocks and for time windows that move on. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
