import { useEffect, useRef } from 'react';

/**
 * Calls `read` every `intervalMs` while `enabled` and the tab is visible, and at once when the tab
 * comes back into view: the fallback of useLiveUpdates (live.ts) while its socket is down.
 */
export function usePolling(read: () => Promise<unknown>, intervalMs: number, enabled: boolean): void {
  const latest = useRef(read);
  latest.current = read;

  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let reading = false;
    const tick = async () => {
      clearTimeout(timer);
      if (reading) return;
      if (document.visibilityState === 'visible') {
        reading = true;
        // A failed read is retried at the next tick; the page keeps what it shows.
        await latest.current().catch(() => undefined);
        reading = false;
      }
      if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') void tick();
    };
    timer = setTimeout(() => void tick(), intervalMs);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [enabled, intervalMs]);
}
