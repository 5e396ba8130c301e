import { useEffect, useRef, useState } from 'react';
import { subscribe } from './api.js';
import type { Operation } from './operations.js';
import { usePolling } from './polling.js';

/** How a page hears of changes: told over the socket (live), or reading again every so often while it is down. */
export type Connection = 'connecting' | 'live' | 'polling';

interface Live<Variables> {
  /** What tells the page that something changed; its payload is not used: `read` reads what the page shows. */
  subscription: Operation<unknown, Variables>;
  variables: Variables;
  read: () => Promise<unknown>;
  /** How often to read while the socket is down. */
  fallbackMs: number;
  enabled: boolean;
}

/**
 * Calls `read` whenever the subscription tells of a change, and each time the socket (re)connects
 * (for what happened while it was down); polls every `fallbackMs` while it is not live. The socket
 * closes when the page leaves or `enabled` turns false. Reads run one at a time, so an older answer
 * never overwrites a newer one; a change told during a read is read once more after it.
 */
export function useLiveUpdates<Variables extends Record<string, unknown>>({ subscription, variables, read, fallbackMs, enabled }: Live<Variables>): Connection {
  const [connection, setConnection] = useState<Connection>('connecting');
  const latest = useRef(read);
  latest.current = read;
  const key = JSON.stringify(variables);

  useEffect(() => {
    if (!enabled) return;
    let active = true;
    let reading: Promise<void> | null = null;
    let again = false;
    const readNow = () => {
      if (reading) {
        again = true;
        return;
      }
      // A failed read is retried at the next change or poll; the page keeps what it shows.
      reading = latest.current().then(() => undefined, () => undefined).finally(() => {
        reading = null;
        if (active && again) {
          again = false;
          readNow();
        }
      });
    };
    setConnection('connecting');
    const close = subscribe(subscription, JSON.parse(key) as Variables, {
      next: readNow,
      connected: (up) => {
        if (!active) return;
        setConnection(up ? 'live' : 'polling');
        if (up) readNow();
      },
    });
    return () => {
      active = false;
      close();
    };
  }, [subscription, key, enabled]);

  usePolling(read, fallbackMs, enabled && connection !== 'live');
  return connection;
}
