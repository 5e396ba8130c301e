// Kept apart from api.ts, which imports vitest: benchmark scripts (bench/web-trace.ts) run
// outside vitest and use the browser helpers, which need the keys.
import type { Role } from '../../src/api/auth/keys.js';

/** One key per role; the API under test knows exactly these. */
export const KEYS: Record<Role, string> = {
  VIEWER: 'test-viewer-key',
  OPERATOR: 'test-operator-key',
  RECALL_COORDINATOR: 'test-coordinator-key',
  QUALITY: 'test-quality-key',
  ADMIN: 'test-admin-key',
};
