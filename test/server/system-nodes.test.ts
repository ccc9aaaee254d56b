import { afterEach, describe, expect, it } from 'vitest';
import type { SystemNodesJson } from '../../src/api/index.js';
import { startTestServer, type TestServer } from './support/in-process.js';

describe('GET /v1/system/nodes on a server alone', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it('lists the server itself, with its capacity and no runs', async () => {
    server = await startTestServer({ CAESIUM_NODE_ADDRESS: 'solo:9001', CAESIUM_MAX_ACTIVE_RUNS: '3' });
    const res = await server.call('GET', '/v1/system/nodes');
    expect(res.status).toBe(200);
    const body = res.json as SystemNodesJson;
    expect(body.self).toBe('solo:9001');
    expect(body.nodes).toEqual([
      {
        address: 'solo:9001',
        labels: {},
        capacity: 3,
        version: expect.stringMatching(/^\d+\.\d+\.\d+/),
        started_at: expect.any(String),
        heartbeat_at: expect.any(String),
        leased_runs: 0,
        running_tasks: 0,
      },
    ]);
  });
});
