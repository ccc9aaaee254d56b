/** The consoles exist only when the server switches them on: a 404 says how to, a 403 which role they need. */
import type { ReactNode } from 'react';
import { ApiError } from '../api.js';
import { useCan } from '../auth/AuthContext.js';
import { Empty, ErrorState, Loading } from '../lib/states.js';

export function ConsoleGate({
  probe,
  setting,
  children,
}: {
  probe: { error: unknown; isPending: boolean };
  setting: string;
  children: ReactNode;
}) {
  const can = useCan('admin');
  if (!can.ok) return <Empty>The consoles {can.reason}.</Empty>;
  if (probe.isPending) return <Loading what="the console" />;
  if (probe.error instanceof ApiError && probe.error.status === 404)
    return (
      <Empty>
        This console is off. Start the server with <code>{setting}=true</code> to use it.
      </Empty>
    );
  if (probe.error !== null) return <ErrorState error={probe.error} what="the console" />;
  return <>{children}</>;
}
