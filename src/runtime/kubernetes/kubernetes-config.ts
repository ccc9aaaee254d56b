/**
 * Whether this machine has a Kubernetes cluster configured, as the
 * kubernetes runtime will look for one (docs/cli.md "Kubernetes steps"):
 *
 * 1. `CAESIUM_KUBERNETES_CONFIG`: the path of a kubeconfig file (the server's setting);
 * 2. `KUBECONFIG`: kubeconfig paths separated by `:` (`;` on Windows), as kubectl reads them;
 * 3. inside a pod: `KUBERNETES_SERVICE_HOST` is set;
 * 4. `~/.kube/config` exists.
 *
 * A variable that is set counts only when a file it names exists.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

type Env = Record<string, string | undefined>;

/** Where the cluster configuration was found, or why none was. */
export type KubernetesConfig = { configured: true; source: string } | { configured: false; problem: string };

export function kubernetesConfig(env: Env, exists: (path: string) => boolean = existsSync): KubernetesConfig {
  const problems: string[] = [];
  for (const name of ['CAESIUM_KUBERNETES_CONFIG', 'KUBECONFIG']) {
    const raw = env[name]?.trim() ?? '';
    if (raw === '') continue;
    const paths = name === 'KUBECONFIG' ? raw.split(delimiter).filter((p) => p.trim() !== '') : [raw];
    const found = paths.find((p) => exists(p));
    if (found !== undefined) return { configured: true, source: `${name} (${found})` };
    problems.push(`${name} names no existing file (${raw})`);
  }
  if ((env.KUBERNETES_SERVICE_HOST?.trim() ?? '') !== '') return { configured: true, source: 'KUBERNETES_SERVICE_HOST (in-cluster)' };
  const home = env.HOME?.trim() || homedir();
  const fallback = join(home, '.kube', 'config');
  if (exists(fallback)) return { configured: true, source: fallback };
  if (problems.length === 0) problems.push('neither CAESIUM_KUBERNETES_CONFIG nor KUBECONFIG is set');
  problems.push(`${fallback} does not exist`);
  return { configured: false, problem: problems.join('; ') };
}
