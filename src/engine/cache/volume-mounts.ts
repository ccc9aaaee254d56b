/** A step's `volumeMounts` resolved against the job's `volumes`, as the identity hash sees them. */
import type { Engine, VolumeMountSpec, VolumeSourceSpec, VolumeSpec } from '../../jobdef/types.js';

/** One volume mount with its volume's source for the engine the step runs on. */
export interface VolumeMountIdentity {
  name: string;
  /** bind, volume, tmpfs, pvc, claimTemplate, volumeSource; "" when the volume has no source. */
  type: string;
  /** The path, volume name or claim name; "" for the other types. */
  source: string;
  target: string;
  readOnly: boolean;
  subPath: string;
  tmpfs: unknown;
  claimTemplate: unknown;
  volumeSource: unknown;
}

/** Resolves each mount's volume (the engine's own `sources` entry wins over `source`). */
export function volumeMountIdentities(
  volumes: readonly VolumeSpec[],
  mounts: readonly VolumeMountSpec[],
  engine: Engine,
): VolumeMountIdentity[] {
  const byName = new Map(volumes.map((v) => [v.name, v]));
  return mounts.map((m) => {
    const volume = byName.get(m.volume.trim());
    const src = (engine === 'local' ? undefined : volume?.sources?.[engine]) ?? volume?.source ?? {};
    return {
      name: m.volume.trim(),
      ...typeAndSource(src),
      target: m.path,
      readOnly: m.readOnly === true,
      subPath: m.subPath ?? '',
      tmpfs: src.tmpfs,
      claimTemplate: src.claimTemplate,
      volumeSource: src.volumeSource,
    };
  });
}

function typeAndSource(src: VolumeSourceSpec): { type: string; source: string } {
  if (src.bind !== undefined) return { type: 'bind', source: src.bind };
  if (src.volume !== undefined) return { type: 'volume', source: src.volume };
  if (src.pvc !== undefined) return { type: 'pvc', source: src.pvc };
  if (src.tmpfs !== undefined) return { type: 'tmpfs', source: '' };
  if (src.claimTemplate !== undefined) return { type: 'claimTemplate', source: '' };
  if (src.volumeSource !== undefined) return { type: 'volumeSource', source: '' };
  return { type: '', source: '' };
}
