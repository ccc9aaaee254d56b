/** The legend of task statuses: swatch, symbol and word for each. */
import { statusLook, TASK_STATUSES } from './task-status.js';
import './dag.css';

export function StatusLegend() {
  return (
    <ul className="status-legend" aria-label="Task status legend">
      {TASK_STATUSES.map((s) => {
        const look = statusLook(s);
        return (
          <li key={s}>
            <span className="status-swatch" style={{ background: look.color }} aria-hidden="true">
              {look.symbol}
            </span>
            {look.label}
          </li>
        );
      })}
    </ul>
  );
}
