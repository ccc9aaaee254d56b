/**
 * What a step needs to be runnable on its engine, checked at lint time
 * rather than when the run reaches it: a local step runs its `command` on
 * the host (there is no image entrypoint to fall back on), and a container
 * image must be a well-formed reference (`[registry[:port]/]name[:tag][@digest]`).
 */
import type { FieldPath } from '../position.js';
import type { Reporter } from '../report.js';
import type { Obj } from '../values.js';

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const HOST = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?';
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
/** The reference grammar Docker and Podman accept. */
const IMAGE_REFERENCE = new RegExp(`^(?:${HOST}/)?${COMPONENT}(?:/${COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`);

/** Checks a step's `command` (local) or `image` (containers); `at` is the step's path. */
export function checkStepRuntime(report: Reporter, step: Obj, at: FieldPath, label: string, engine: unknown): void {
  if (engine === 'local') {
    const command = step.command;
    if (command === undefined || command === null || (Array.isArray(command) && command.length === 0)) {
      report.error([...at, 'command'], 'E_LOCAL_COMMAND', `${label} runs on engine local and needs a command`, {
        hint: 'a local step runs its command on the host; add e.g. `command: ["sh", "-c", "make report"]`',
      });
    }
    return;
  }
  const image = step.image;
  if (typeof image !== 'string' || image.trim() === '' || IMAGE_REFERENCE.test(image)) return;
  report.error([...at, 'image'], 'E_IMAGE_REFERENCE', `${label}.image ${JSON.stringify(image)} is not a valid image reference`, {
    hint: imageHint(image),
  });
}

function imageHint(image: string): string {
  if (/\s/.test(image)) return 'an image reference has no spaces';
  const name = image.split('@')[0]?.replace(/:[^/]*$/, '') ?? image;
  const path = name.includes('/') && /[.:]|^localhost$/.test(name.split('/')[0] as string) ? name.slice(name.indexOf('/') + 1) : name;
  if (path !== path.toLowerCase()) return 'repository names are lowercase, e.g. `alpine:3.20`';
  return 'write it as [registry[:port]/]name[:tag][@sha256:digest], e.g. `alpine:3.20` or `ghcr.io/org/tool:1.2`';
}
