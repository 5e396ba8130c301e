// src/core/party: suppliers and customers (master data).
import type { Db } from '../../db/db.js';
import { badInput } from '../errors.js';
import { requireKey, requireText } from '../events/checks.js';
import { glnProblem } from '../gs1/gs1.js';
import type { Customer, PartyInput, Supplier } from '../model.js';
import { type Scope, originOf } from '../scope.js';

export class PartyService {
  constructor(private readonly db: Db) {}

  private upsert<T>(statement: 'upsert-supplier' | 'upsert-customer', input: PartyInput, scope: Scope): Promise<T> {
    requireKey('input.code', input.code);
    requireText('input.name', input.name);
    const glnIssue = input.gln == null ? null : glnProblem(input.gln);
    if (glnIssue) throw badInput('input.gln', input.gln, glnIssue);
    const params = { code: input.code, name: input.name, gln: input.gln ?? null, contact: input.contact ?? null, actor: scope.actor };
    return this.db.writeTx(async (tx) => (await tx.run(statement, params))[0] as T, originOf(statement, scope));
  }

  upsertSupplier(input: PartyInput, scope: Scope): Promise<Supplier> {
    return this.upsert('upsert-supplier', input, scope);
  }

  upsertCustomer(input: PartyInput, scope: Scope): Promise<Customer> {
    return this.upsert('upsert-customer', input, scope);
  }
}
