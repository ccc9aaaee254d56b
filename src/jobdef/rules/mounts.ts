import type { Reporter } from '../report.js';
import { suggest } from '../suggest.js';
import { ENGINES } from '../types.js';
import { isBlank, isObj, q, str, type Obj } from '../values.js';
import type { RuleContext } from './context.js';
import type { StepInfo } from './steps.js';
import { kindFitsEngine, sourceFor, sourceKinds } from './volume-kinds.js';

/** Step mounts and volume mounts (docs/decisions.md §1.9 item 10). */
export function checkMounts({ report }: RuleContext, infos: readonly StepInfo[], volumes: Map<string, Obj>): void {
  for (const info of infos) {
    const step = info.step;
    if (step === undefined) continue;
    const targets = new Set<string>();
    const claim = (target: string, path: (string | number)[]): void => {
      if (targets.has(target)) {
        report.error(path, 'E_DUPLICATE_TARGET', `steps[${info.index}] mounts duplicate target path ${q(target)}`, {
          hint: 'mount each path of the container once',
        });
      }
      targets.add(target);
    };
    const mounts = step.mounts;
    if (Array.isArray(mounts)) {
      if (info.engine === 'local' && mounts.length > 0) {
        report.warn(['steps', info.index, 'mounts'], 'W_IGNORED', `steps[${info.index}].mounts is ignored by local steps`, {
          key: true,
          hint: 'local steps run on the host and see its file system directly',
        });
      }
      mounts.forEach((m, j) => {
        const target = isObj(m) ? str(m.target)?.trim() : undefined;
        if (target !== undefined && target !== '') claim(target, ['steps', info.index, 'mounts', j, 'target']);
      });
    }
    const volumeMounts = step.volumeMounts;
    if (!Array.isArray(volumeMounts)) continue;
    volumeMounts.forEach((vm, j) => {
      if (!isObj(vm)) return;
      const at = ['steps', info.index, 'volumeMounts', j];
      const label = `steps[${info.index}].volumeMounts[${j}]`;
      const name = str(vm.volume)?.trim();
      if (isBlank(vm.volume)) {
        report.error([...at, 'volume'], 'E_REQUIRED', `${label}.volume is required`, { hint: 'name one of the job volumes' });
        return;
      }
      if (name === undefined) return;
      const volume = volumes.get(name);
      if (volume === undefined) {
        const near = suggest(name, [...volumes.keys()]);
        report.error([...at, 'volume'], 'E_UNKNOWN_VOLUME', `${label} references unknown volume ${q(name)}`, {
          hint: near !== undefined ? `did you mean ${q(near)}?` : 'declare it under the job volumes',
        });
        return;
      }
      const path = str(vm.path)?.trim();
      if (isBlank(vm.path)) {
        report.error([...at, 'path'], 'E_REQUIRED', `${label}.path is required`, { hint: 'give the absolute path to mount at' });
        return;
      }
      if (path === undefined) return;
      if (!path.startsWith('/')) {
        report.error([...at, 'path'], 'E_MOUNT_PATH', `${label}.path ${q(path)} must be absolute`, { hint: `e.g. /${path}` });
        return;
      }
      claim(path, [...at, 'path']);
      checkFit(report, info, j, name, volume);
    });
  }
}

/** The volume must have a source for the step's engine, of a kind that engine can mount. */
function checkFit(report: Reporter, info: StepInfo, j: number, name: string, volume: Obj): void {
  const at = ['steps', info.index, 'volumeMounts', j];
  const label = `steps[${info.index}].volumeMounts[${j}]`;
  const engine = info.engine;
  if (!(ENGINES as readonly string[]).includes(engine)) return;
  const hint =
    'docker and podman mount bind, volume or tmpfs sources; kubernetes mounts pvc, claimTemplate or volumeSource; local steps mount no volumes';
  const source = sourceFor(volume, engine);
  if (source === undefined) {
    if (volume.source === undefined) {
      report.error(at, 'E_VOLUME_ENGINE', `${label}: volume ${q(name)} has no source for engine ${q(engine)}`, { hint });
    }
    return;
  }
  const kinds = sourceKinds(source);
  // A volume with no single source kind is reported at the volume itself.
  if (kinds.length !== 1) return;
  if (!kindFitsEngine(kinds[0] as string, engine)) {
    report.error(at, 'E_VOLUME_ENGINE', `${label}: volume ${q(name)} source ${q(kinds[0])} is not valid for engine ${q(engine)}`, { hint });
  }
}
