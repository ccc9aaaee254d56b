/**
 * The one loader (docs/decisions.md D3) as the local front doors call it
 * (`job lint`, `caesium test`, `caesium dev`, `job apply` and `job diff`):
 * the definitions under the paths, plus the warnings that depend on this
 * machine rather than on the file: a `kubernetes` step where no cluster is
 * configured. Every front door gets the same diagnostics, so they agree.
 */
import { sortDiagnostics, type Diagnostic } from '../jobdef/diagnostic.js';
import { loadDefinitions, type Definition, type DefinitionSet } from '../jobdef/definitions.js';
import { kubernetesConfig, type KubernetesConfig } from '../runtime/kubernetes/kubernetes-config.js';

type Env = Record<string, string | undefined>;

/** `loadDefinitions(paths)` with this machine's warnings added to each definition. */
export function loadDefinitionsHere(paths: readonly string[], env: Env): DefinitionSet {
  const set = loadDefinitions(paths);
  let cluster: KubernetesConfig | undefined;
  const clusterOnce = (): KubernetesConfig => (cluster ??= kubernetesConfig(env));
  for (const def of set.definitions) {
    const extra = machineDiagnostics(def, clusterOnce);
    if (extra.length > 0) def.diagnostics = sortDiagnostics([...def.diagnostics, ...extra]);
  }
  return set;
}

function machineDiagnostics(def: Definition, cluster: () => KubernetesConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const place of def.engines) {
    if (place.engine !== 'kubernetes') continue;
    const found = cluster();
    if (found.configured) continue;
    out.push({
      file: def.file,
      line: place.line,
      col: place.col,
      severity: 'warning',
      code: 'W_KUBERNETES_NO_CLUSTER',
      field: place.field,
      message: `${place.field.replace(/\.engine$/, '')} (step ${JSON.stringify(place.step)}) runs on engine kubernetes, but no Kubernetes cluster is configured: ${found.problem}`,
      hint: 'point CAESIUM_KUBERNETES_CONFIG or KUBECONFIG at a kubeconfig file, create ~/.kube/config, or run the step on docker, podman or local',
    });
  }
  return out;
}
