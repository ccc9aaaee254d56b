/** Webhook queries: http triggers of current jobs, and accepted deliveries (replay protection). */
import type { HookQueries, HttpTriggerRecord } from '../ports/hooks.js';
import type { Db } from '../db.js';
import { fromFlag } from '../json.js';
import { currentTriggersOf } from './catalog.js';

/** Hook queries over `db`. */
export function hookQueries(db: Db): HookQueries {
  return {
    async httpTriggers() {
      const rows = await currentTriggersOf(db, 'http')
        .select([
          'triggers.id as trigger_id',
          'triggers.configuration',
          'triggers.default_params',
          'jobs.id as version_id',
          'jobs.alias',
          'job_catalog.id as job_id',
          'job_catalog.paused',
        ])
        .orderBy('jobs.alias')
        .execute();
      return rows.map((row): HttpTriggerRecord => ({
        triggerId: row.trigger_id,
        jobId: row.job_id,
        alias: row.alias,
        paused: fromFlag(row.paused),
        versionId: row.version_id,
        configuration: JSON.parse(row.configuration) as Record<string, unknown>,
        defaultParams: JSON.parse(row.default_params) as Record<string, string>,
      }));
    },
    async claimDelivery(delivery, now) {
      const row = {
        key: delivery.key,
        path: delivery.path,
        receipt_id: delivery.receiptId,
        received_at: delivery.receivedAt,
        expires_at: delivery.expiresAt,
      };
      const { key: _key, ...update } = row;
      // Insert, or take over an expired row; a live row with the key makes this a no-op.
      const claimed = await db
        .insertInto('hook_deliveries')
        .values(row)
        .onConflict((oc) => oc.column('key').doUpdateSet(update).where('hook_deliveries.expires_at', '<=', now))
        .returning('key')
        .execute();
      return claimed.length > 0;
    },
    async pruneDeliveries(now) {
      const result = await db.deleteFrom('hook_deliveries').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
