import { useEffect, useState } from 'react';

/** The clock, moved on every `intervalMs`: ages ("3 min ago") and countdowns move on without an event. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
