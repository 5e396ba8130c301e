import { createHash } from 'node:crypto';
import fs from 'node:fs';

export const ROLES = ['VIEWER', 'OPERATOR', 'RECALL_COORDINATOR', 'QUALITY', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is calling: `name` (a key's name, a token's subject) is recorded as the actor of every event
 * they record. Never holds the key or token itself. A key has one role; a token may grant several.
 */
export interface Principal {
  name: string;
  roles: Role[];
  /** When a token stops being accepted (its `exp` and the clock tolerance), in ms since the epoch; an API key has no end. */
  validUntil?: number;
}

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive), or null. */
export function bearerToken(header: string | undefined): string | null {
  return /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1] ?? null;
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function asRole(value: string, where: string): Role {
  const role = value.trim().toUpperCase();
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new Error(`${where}: unknown role ${JSON.stringify(value)} (expected one of ${ROLES.join(', ')})`);
  }
  return role as Role;
}

/**
 * Keys by their SHA-256, so a lookup never compares secrets character by character.
 * - `LOTGRAPH_API_KEYS`: `ROLE:key,ROLE:key` (development, tests). The key's name is
 *   `<role>-<first 8 hex of its hash>`, which identifies it in logs and the audit trail.
 * - `LOTGRAPH_API_KEYS_FILE`: lines `name:ROLE:sha256hex`; `#` starts a comment.
 */
export class KeyRing {
  private readonly byHash = new Map<string, Principal>();

  static fromConfig(envKeys: string, keysFile: string): KeyRing {
    const ring = new KeyRing();
    for (const [i, entry] of envKeys.split(',').map((e) => e.trim()).filter(Boolean).entries()) {
      const sep = entry.indexOf(':');
      if (sep < 1 || sep === entry.length - 1) throw new Error(`LOTGRAPH_API_KEYS entry ${i + 1}: expected ROLE:key`);
      const role = asRole(entry.slice(0, sep), `LOTGRAPH_API_KEYS entry ${i + 1}`);
      const hash = sha256(entry.slice(sep + 1));
      ring.byHash.set(hash, { name: `${role.toLowerCase()}-${hash.slice(0, 8)}`, roles: [role] });
    }
    if (keysFile) {
      const lines = fs.readFileSync(keysFile, 'utf8').split('\n');
      for (const [i, raw] of lines.entries()) {
        const line = raw.trim();
        if (!line || line.startsWith('#')) continue;
        const fields = line.split(':');
        const [name, role, hash] = fields;
        // Exactly three fields: a line with more is malformed, not a key with its tail ignored.
        if (fields.length !== 3 || !name || !role || !/^[0-9a-f]{64}$/.test(hash)) {
          throw new Error(`${keysFile}:${i + 1}: expected name:ROLE:sha256hex`);
        }
        ring.byHash.set(hash, { name, roles: [asRole(role, `${keysFile}:${i + 1}`)] });
      }
    }
    return ring;
  }

  get size(): number {
    return this.byHash.size;
  }

  /** The principal of a key, or null for an unknown one. */
  lookup(key: string): Principal | null {
    return this.byHash.get(sha256(key)) ?? null;
  }
}
