import { isObj, type Obj } from '../values.js';

/** The engines a job volume may name a source for. */
export const VOLUME_ENGINES = ['docker', 'kubernetes', 'podman'];

export const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];

/** The source kinds a volume source sets (exactly one is valid), in the original's order. */
export function sourceKinds(source: Obj): string[] {
  const kinds: string[] = [];
  const text = (v: unknown): boolean => typeof v === 'string' && v.trim() !== '';
  if (text(source.pvc)) kinds.push('pvc');
  if (source.claimTemplate !== undefined) kinds.push('claimTemplate');
  if (source.volumeSource !== undefined) kinds.push('volumeSource');
  if (text(source.bind)) kinds.push('bind');
  if (text(source.volume)) kinds.push('volume');
  if (source.tmpfs !== undefined) kinds.push('tmpfs');
  return kinds;
}

/** Whether a step of `engine` can mount a source of `kind`. Local steps mount nothing. */
export function kindFitsEngine(kind: string, engine: string): boolean {
  if (engine === 'kubernetes') return kind === 'pvc' || kind === 'claimTemplate' || kind === 'volumeSource';
  if (engine === 'docker' || engine === 'podman') return kind === 'bind' || kind === 'volume' || kind === 'tmpfs';
  return false;
}

/** The source a step of `engine` uses from a volume: its single `source`, or `sources[engine]`. */
export function sourceFor(volume: Obj, engine: string): Obj | undefined {
  if (isObj(volume.source)) return volume.source;
  const sources = volume.sources;
  if (!isObj(sources) || !Object.prototype.hasOwnProperty.call(sources, engine)) return undefined;
  const s = sources[engine];
  return isObj(s) ? s : undefined;
}
