/** A literal secret in ui-slow's env: the UI must never show it. */
export const UI_LITERAL_SECRET = 'hunter2-ui-literal';

/** The local jobs the browser tests run besides the examples: a slow one that prints as it goes, and one that fails. */
export const SLOW_JOB = `apiVersion: v1
kind: Job
metadata:
  alias: ui-slow
trigger:
  type: cron
  configuration:
    expression: "0 * * * *"
steps:
  - name: prepare
    engine: local
    command: ["sh", "-c", "echo ready"]
    env:
      DB_PASSWORD: ${UI_LITERAL_SECRET}
    next: [print]
  - name: print
    engine: local
    command: ["sh", "-c", "for i in 1 2 3 4 5 6 7 8; do echo \\"progress line $i\\"; sleep 1; done"]
`;

/** Fails at `transform` until the file `flag` exists. */
export const flakyJob = (flag: string): string => `apiVersion: v1
kind: Job
metadata:
  alias: ui-flaky
trigger:
  type: cron
  configuration:
    expression: "0 0 1 1 *"
steps:
  - name: extract
    engine: local
    command: ["sh", "-c", "echo extracted"]
    next: [transform]
  - name: transform
    engine: local
    command: ["sh", "-c", "if [ -f ${flag} ]; then echo transformed; else echo 'input not ready' >&2; exit 3; fi"]
    next: [load]
  - name: load
    engine: local
    command: ["sh", "-c", "echo loaded"]
`;
