/** `GET /health` and `GET /auth/status`; both are public. */

/** 200 when healthy, 503 when degraded (the database did not answer within 1 s). */
export interface HealthJson {
  status: 'healthy' | 'degraded';
  /** Microseconds since the server started. */
  uptime: number;
  checks: {
    database: { status: 'healthy' | 'unhealthy'; latency_ms?: number };
    /** Present while runs are in flight. */
    active_runs?: { count: number };
  };
}

export interface AuthStatusJson {
  enabled: boolean;
  methods: { type: string }[];
}
