/**
 * A task's "Reproduce" action: the `caesium run reproduce` command that runs it on a laptop as the server
 * launched it (with a copy button), and what the server recorded of its launch (`GET …/tasks/:task_id/descriptor`,
 * role runner): engine, image, command and the env variables' names. Values are never shown here, not even
 * the ones the route hands out: a page on a shared screen is not the place for them, and the CLI fetches them.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { TaskDescriptorJson } from '../../../src/api/index.js';
import { api } from '../api.js';
import { useCan } from '../auth/AuthContext.js';
import { ActionButton } from '../lib/ActionButton.js';
import { QueryView } from '../lib/states.js';

/** A word as a POSIX shell reads it back unchanged. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** The command that reproduces step `task` of run `runId` of job `jobAlias` from the server at `origin`. */
function reproduceCommand(origin: string, jobAlias: string, runId: string, task: string, shell: boolean): string {
  const words = ['caesium', 'run', 'reproduce', '--server', origin, '--job-id', jobAlias, '--run-id', runId, '--task', task];
  return [...words, ...(shell ? ['--shell'] : [])].map(shellWord).join(' ');
}

export function ReproducePanel({ jobId, jobAlias, runId, task }: { jobId: string; jobAlias: string; runId: string; task: string }) {
  const [open, setOpen] = useState(false);
  const can = useCan('runner', jobAlias);
  return (
    <div className="reproduce">
      <ActionButton need="runner" jobAlias={jobAlias} onClick={() => setOpen(!open)}>
        {open ? 'Hide reproduce' : 'Reproduce'}
      </ActionButton>
      {open && can.ok && <ReproduceDetail jobId={jobId} jobAlias={jobAlias} runId={runId} task={task} />}
    </div>
  );
}

function ReproduceDetail({ jobId, jobAlias, runId, task }: { jobId: string; jobAlias: string; runId: string; task: string }) {
  const descriptor = useQuery({
    queryKey: ['descriptor', jobId, runId, task],
    queryFn: () => api.descriptor(jobId, runId, task),
    retry: false,
  });
  const origin = window.location.origin;
  return (
    <section aria-label={`Reproduce step ${task}`}>
      <p>Run this step on your machine as the server launched it (a runner key in CAESIUM_API_KEY):</p>
      <CopyCommand label="Reproduce command" text={reproduceCommand(origin, jobAlias, runId, task, false)} />
      <p>Or open a shell where it would run (same image, env, workdir and mounts):</p>
      <CopyCommand label="Reproduce shell command" text={reproduceCommand(origin, jobAlias, runId, task, true)} />
      <QueryView query={descriptor} what="the recorded launch">
        {(d) => <Launch descriptor={d} />}
      </QueryView>
    </section>
  );
}

function CopyCommand({ label, text }: { label: string; text: string }) {
  const [said, setSaid] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setSaid('Copied.');
    } catch {
      setSaid('The browser refused the clipboard: select the command and copy it.');
    }
  };
  return (
    <div className="copy-command">
      <figure aria-label={label}>
        <pre className="code">{text}</pre>
      </figure>
      <button type="button" onClick={() => void copy()} aria-label={`Copy ${label.toLowerCase()}`}>
        Copy
      </button>
      {said !== '' && <span role="status">{said}</span>}
    </div>
  );
}

/** What the server recorded: where and how the step ran, and its env by name only. */
function Launch({ descriptor: d }: { descriptor: TaskDescriptorJson }) {
  const redacted = new Set(d.redacted_env);
  const names = (vars: Record<string, string>) => Object.keys(vars).sort();
  const secretRef = (name: string) => d.env[name]?.trim().startsWith('secret://') === true;
  return (
    <>
      <h4>Recorded launch (attempt {d.attempt})</h4>
      <dl className="facts">
        <div>
          <dt>Engine</dt>
          <dd>{d.engine}</dd>
        </div>
        <div>
          <dt>Image</dt>
          <dd>{d.image === '' ? '—' : <code>{d.image}</code>}</dd>
        </div>
        <div>
          <dt>Command</dt>
          <dd>{d.command === undefined ? "the image's entrypoint" : <code>{d.command.map(shellWord).join(' ')}</code>}</dd>
        </div>
        {d.workdir !== '' && (
          <div>
            <dt>Workdir</dt>
            <dd>
              <code>{d.workdir}</code>
            </dd>
          </div>
        )}
      </dl>
      <p>Env variables (names only; the command above brings their values):</p>
      <ul aria-label="Env variable names" className="env-names">
        {names(d.env).map((n) => (
          <li key={n}>
            <code>{n}</code>
            {redacted.has(n) && <span className="badge">redacted: set it with --env</span>}
            {secretRef(n) && <span className="badge">secret reference</span>}
          </li>
        ))}
        {[...names(d.params), ...names(d.outputs)].map((n) => (
          <li key={n}>
            <code>{n}</code>
          </li>
        ))}
      </ul>
    </>
  );
}
