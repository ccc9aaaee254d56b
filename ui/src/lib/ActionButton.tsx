/** A button for an action the key's role may not take: disabled, with the reason next to it and in its tooltip. */
import { useId, type ReactNode } from 'react';
import { useCan, type Role } from '../auth/AuthContext.js';

export function ActionButton({
  need,
  jobAlias,
  onClick,
  busy = false,
  disabled = false,
  children,
  kind,
  type = 'button',
}: {
  need: Role;
  jobAlias?: string;
  onClick?: () => void;
  busy?: boolean;
  disabled?: boolean;
  children: ReactNode;
  kind?: 'danger' | 'primary';
  type?: 'button' | 'submit';
}) {
  const can = useCan(need, jobAlias);
  const reasonId = useId();
  return (
    <span className="action">
      <button
        type={type}
        className={kind}
        onClick={onClick}
        disabled={!can.ok || busy || disabled}
        title={can.reason}
        aria-describedby={can.ok ? undefined : reasonId}
      >
        {children}
      </button>
      {!can.ok && (
        <span id={reasonId} className="reason">
          {can.reason}
        </span>
      )}
    </span>
  );
}
