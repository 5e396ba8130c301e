import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { worthRetrying } from '../../src/db/db.js';

const error = (code: string) => new Neo4jError('test', code, '', '');

describe('which failed transactions are tried again', () => {
  it('a deadlock or lock wait, and a routing driver\'s lost member or changed leader (SessionExpired)', () => {
    expect(worthRetrying(error('Neo.TransientError.Transaction.DeadlockDetected'))).toBe(true);
    expect(worthRetrying(error('SessionExpired'))).toBe(true);
  });

  it('not an unreachable database (a 503 at once), nor a refused statement', () => {
    expect(worthRetrying(error('ServiceUnavailable'))).toBe(false);
    expect(worthRetrying(error('Neo.TransientError.General.DatabaseUnavailable'))).toBe(false);
    expect(worthRetrying(error('Neo.ClientError.Schema.ConstraintValidationFailed'))).toBe(false);
    expect(worthRetrying(new Error('not from Neo4j'))).toBe(false);
  });
});
