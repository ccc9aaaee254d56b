import type { FieldPath } from '../position.js';
import type { Reporter } from '../report.js';
import { suggest } from '../suggest.js';
import { isBlank, isObj, q, str, type Obj } from '../values.js';
import type { RuleContext } from './context.js';
import { ACCESS_MODES, VOLUME_ENGINES, kindFitsEngine, sourceKinds } from './volume-kinds.js';

/** Job volumes (docs/decisions.md §1.6, §1.9 item 6). Returns the well-formed ones by name, for the mount checks. */
export function checkVolumes({ root, report }: RuleContext): Map<string, Obj> {
  const byName = new Map<string, Obj>();
  const volumes = root.volumes;
  if (!Array.isArray(volumes)) return byName;
  volumes.forEach((v, i) => {
    if (!isObj(v)) return;
    const at = ['volumes', i];
    const name = str(v.name)?.trim();
    if (isBlank(v.name)) {
      report.error([...at, 'name'], 'E_REQUIRED', `volumes[${i}].name is required`, { hint: 'name the volume; steps mount it by name' });
    } else if (name !== undefined && byName.has(name)) {
      report.error([...at, 'name'], 'E_DUPLICATE_VOLUME', `duplicate volume name ${q(name)}`, {
        hint: 'volume names must be unique within a job',
      });
    } else if (name !== undefined) {
      byName.set(name, v);
    }
    const hasSource = v.source !== undefined;
    const hasSources = isObj(v.sources) && Object.keys(v.sources).length > 0;
    if (hasSource === hasSources) {
      report.error(at, 'E_VOLUME_SOURCE', `volumes[${i}] must set exactly one of source or sources`, {
        hint: 'use source for one source for every engine, or sources with one entry per engine',
      });
    } else if (hasSource) {
      checkSource(report, v.source, undefined, `volumes[${i}].source`, [...at, 'source']);
    } else {
      for (const [engine, source] of Object.entries(v.sources as Obj)) {
        const keyAt = [...at, 'sources', engine];
        if (engine.trim() !== engine) {
          report.error(keyAt, 'E_VOLUME_SOURCE', `volumes[${i}].sources has invalid engine key ${q(engine)}`, {
            key: true,
            hint: 'remove the spaces',
          });
        } else if (!VOLUME_ENGINES.includes(engine)) {
          const near = suggest(engine, VOLUME_ENGINES);
          report.error(keyAt, 'E_VOLUME_SOURCE', `volumes[${i}].sources has unknown engine ${q(engine)}`, {
            key: true,
            hint: near !== undefined ? `did you mean ${q(near)}?` : `use ${VOLUME_ENGINES.join(', ')}`,
          });
        } else {
          checkSource(report, source, engine, `volumes[${i}].sources[${q(engine)}]`, keyAt);
        }
      }
    }
    const mode = str(v.accessMode);
    if (mode !== undefined && mode.trim() !== '' && !ACCESS_MODES.includes(mode.trim())) {
      report.error([...at, 'accessMode'], 'E_ENUM', `volumes[${i}].accessMode ${q(mode)} is not supported`, {
        hint: `use one of ${ACCESS_MODES.join(', ')}`,
      });
    }
  });
  return byName;
}

function checkSource(report: Reporter, source: unknown, engine: string | undefined, label: string, at: FieldPath): void {
  if (!isObj(source)) return;
  const kinds = sourceKinds(source);
  if (kinds.length !== 1) {
    report.error(at, 'E_VOLUME_SOURCE', `${label}: must set exactly one source kind, got ${kinds.length}`, {
      hint: 'docker and podman: bind, volume or tmpfs; kubernetes: pvc, claimTemplate or volumeSource',
    });
    return;
  }
  const kind = kinds[0] as string;
  if (engine !== undefined && !kindFitsEngine(kind, engine)) {
    report.error([...at, kind], 'E_VOLUME_SOURCE', `${label}.${kind} is not valid for engine ${q(engine)}`, {
      key: true,
      hint: engine === 'kubernetes' ? 'kubernetes takes pvc, claimTemplate or volumeSource' : `${engine} takes bind, volume or tmpfs`,
    });
  }
  const template = source.claimTemplate;
  if (isObj(template)) {
    const mode = str(template.accessMode);
    if (mode !== undefined && mode.trim() !== '' && !ACCESS_MODES.includes(mode.trim())) {
      report.error([...at, 'claimTemplate', 'accessMode'], 'E_ENUM', `${label}.claimTemplate.accessMode ${q(mode)} is not supported`, {
        hint: `use one of ${ACCESS_MODES.join(', ')}`,
      });
    }
    if (isBlank(template.size)) {
      report.error([...at, 'claimTemplate', 'size'], 'E_REQUIRED', `${label}.claimTemplate.size is required`, { hint: 'e.g. `size: 1Gi`' });
    }
  }
  if (isObj(source.volumeSource) && Object.keys(source.volumeSource).length === 0) {
    report.error([...at, 'volumeSource'], 'E_VOLUME_SOURCE', `${label}.volumeSource must not be empty`, {
      hint: 'give a Kubernetes volume source, e.g. `emptyDir: {}`',
    });
  }
}
