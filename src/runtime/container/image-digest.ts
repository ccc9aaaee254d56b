/**
 * The content digest of a local image, for the task cache's `pinDigests`
 * (docs/decisions.md §3.2): the registry manifest digest from `RepoDigests` when
 * the image came from a registry, else the image id (`sha256:…` of its
 * configuration), which a locally built or imported image always has. Both
 * change whenever the image's content changes. Never pulls.
 */
import type Dockerode from 'dockerode';
import { findLocal } from './image.js';

/** What digest selection reads from an image inspect. */
export interface InspectedImage {
  Id?: string;
  RepoDigests?: string[] | null;
}

const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-f]{32,}$/;
const BARE_SHA256 = /^[0-9a-f]{64}$/;

/** The digest of `image` as the engine would run it, or undefined when it is not present locally. Engine errors propagate. */
export async function imageDigest(docker: Dockerode, image: string, localhostFallback: boolean): Promise<string | undefined> {
  const pinned = digestInReference(image);
  if (pinned !== undefined) return pinned;
  const name = await findLocal(docker, image, localhostFallback);
  if (name === undefined) return undefined;
  return digestOf(await docker.getImage(name).inspect(), image);
}

/**
 * Picks the digest of an inspected image: the `RepoDigests` entry of the
 * image's own repository (else the first), else the id. Undefined when
 * neither is a digest.
 */
export function digestOf(info: InspectedImage, image: string): string | undefined {
  const repoDigests = (info.RepoDigests ?? []).flatMap((entry) => {
    const at = entry.lastIndexOf('@');
    const digest = at < 0 ? '' : entry.slice(at + 1);
    return DIGEST.test(digest) ? [{ repository: entry.slice(0, at), digest }] : [];
  });
  const own = repositoryOf(image);
  const match = repoDigests.find((d) => sameRepository(d.repository, own)) ?? repoDigests[0];
  if (match !== undefined) return match.digest;
  const id = info.Id ?? '';
  if (BARE_SHA256.test(id)) return `sha256:${id}`;
  return DIGEST.test(id) ? id : undefined;
}

/** `name@sha256:…` already names its content. */
function digestInReference(image: string): string | undefined {
  const at = image.lastIndexOf('@');
  const digest = at < 0 ? '' : image.slice(at + 1);
  return DIGEST.test(digest) ? digest : undefined;
}

/** The repository of a reference: without its digest and tag (`alpine:3.20` → `alpine`). */
export function repositoryOf(image: string): string {
  const at = image.indexOf('@');
  const name = at < 0 ? image : image.slice(0, at);
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? name.slice(0, colon) : name;
}

/** `docker.io/library/alpine`, `library/alpine`, `localhost/alpine` and `alpine` are one repository. */
function sameRepository(a: string, b: string): boolean {
  const plain = (r: string): string => r.replace(/^(docker\.io\/|index\.docker\.io\/|localhost\/)/, '').replace(/^library\//, '');
  return plain(a) === plain(b);
}
