/** `GET /health` and `GET /auth/status`; both are public. */

/** 200 when healthy, 503 when degraded (the database did not answer within 1 s, or cannot be written). */
export interface HealthJson {
  status: 'healthy' | 'degraded';
  /** Microseconds since the server started. */
  uptime: number;
  checks: {
    /** `degraded`: it answers but cannot be written (`error` says why, `since` when that began). */
    database: { status: 'healthy' | 'degraded' | 'unhealthy'; latency_ms?: number; error?: string; since?: string };
    /** Present while runs are in flight. */
    active_runs?: { count: number };
  };
}

export interface AuthStatusJson {
  enabled: boolean;
  methods: { type: string }[];
}
