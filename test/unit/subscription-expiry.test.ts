import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeWhenExpired } from '../../src/api/subscription/ws.js';

/** A socket as closeWhenExpired sees it: open (1) or closed (3), and the closes asked of it. */
class Socket extends EventEmitter {
  readonly OPEN = 1;
  readonly closes: [number, string][] = [];
  constructor(public readyState = 1) {
    super();
  }
  close(code: number, reason: string) {
    this.closes.push([code, reason]);
    this.readyState = 3;
    this.emit('close');
  }
}
const socket = (readyState?: number) => new Socket(readyState);

const DAY = 24 * 3600 * 1000;
afterEach(() => {
  vi.useRealTimers();
});

describe("a token's subscription socket", () => {
  it("closes with 4401 when the token ends, however far off (past setTimeout's 24.8 days)", () => {
    vi.useFakeTimers({ now: 0 });
    const s = socket();
    expect(closeWhenExpired(s, 30 * DAY)).toBe(true);
    vi.advanceTimersByTime(30 * DAY - 1);
    expect(s.closes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(s.closes).toEqual([[4401, 'token expired: connect again with a new token']]);
  });

  it('is not served when it closed while the token was checked, nor when the token ended meanwhile', () => {
    vi.useFakeTimers({ now: 5_000 });
    const gone = socket(3);
    expect(closeWhenExpired(gone, 60_000)).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
    const late = socket();
    expect(closeWhenExpired(late, 4_000)).toBe(false);
    expect(late.closes).toEqual([[4401, 'token expired: connect again with a new token']]);
  });

  it('leaves no timer behind when the client closes first', () => {
    vi.useFakeTimers({ now: 0 });
    const s = socket();
    closeWhenExpired(s, 60_000);
    s.close(1000, 'bye');
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(s.closes).toEqual([[1000, 'bye']]);
  });
});
