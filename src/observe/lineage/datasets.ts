/**
 * The datasets of a task event (docs/decisions.md §6): output values that look
 * like dataset references, else one dataset for a declared `outputSchema`;
 * one input dataset per `inputSchema` predecessor.
 */
import type { StringMap } from '../../jobdef/types.js';
import { datasetFacet, schemaFacet } from './facets.js';
import type { Facets, LineageDataset } from './run-event.js';

const URI_SCHEMES = ['s3://', 'gs://', 'hdfs://', 'file://', 'abfs://', 'az://', 'http://', 'https://'];
const DATA_FILE_EXTENSIONS = [
  '.parquet',
  '.csv',
  '.json',
  '.jsonl',
  '.ndjson',
  '.avro',
  '.orc',
  '.tsv',
  '.gz',
  '.zst',
  '.snappy',
  '.yaml',
  '.yml',
  '.xml',
  '.txt',
  '.log',
  '.arrow',
  '.feather',
];
/** Longest value (UTF-8 bytes) used as a dataset name as is. */
const MAX_NAME_LENGTH = 256;
/** Longest dotted identifier (UTF-8 bytes) taken for a table name. */
const MAX_DOTTED_LENGTH = 255;

/**
 * Whether an output value names a dataset: an absolute path; a URI with a
 * known storage scheme; or a dotted identifier (no whitespace, no leading or
 * empty segment) with a data-file extension or whose every segment starts
 * with a letter (`db.schema.table`). Numbers, versions and IPs are not.
 */
export function looksLikeDatasetRef(value: string): boolean {
  if (value === '') return false;
  if (value.startsWith('/')) return true;
  if (URI_SCHEMES.some((s) => value.startsWith(s) && value.length > s.length)) return true;
  if (Buffer.byteLength(value) > MAX_DOTTED_LENGTH || !value.includes('.') || /[ \t\n\r]/.test(value) || value.startsWith('.'))
    return false;
  if (DATA_FILE_EXTENSIONS.some((ext) => value.endsWith(ext))) return true;
  const segments = value.split('.');
  if (segments.some((s) => s === '')) return false;
  if (segments.every((s) => /^\d+$/.test(s))) return false;
  return segments.every((s) => /^[A-Za-z]/.test(s));
}

/** What the datasets of one task event are built from. */
export interface TaskDatasetInput {
  namespace: string;
  jobAlias: string;
  stepName: string;
  output: StringMap | undefined;
  outputSchema: Record<string, unknown> | undefined;
  inputSchema: Record<string, Record<string, unknown>> | undefined;
}

/** The inputs and outputs of a task event; sorted by key, so stable. */
export function taskDatasets(input: TaskDatasetInput): { inputs: LineageDataset[]; outputs: LineageDataset[] } {
  const { namespace, jobAlias, stepName } = input;
  const outputs: LineageDataset[] = [];
  const byName = new Map<string, string[]>();
  for (const key of Object.keys(input.output ?? {}).sort()) {
    const value = input.output?.[key] ?? '';
    if (!looksLikeDatasetRef(value)) continue;
    const name = Buffer.byteLength(value) <= MAX_NAME_LENGTH ? value : `${jobAlias}.${stepName}.${key}`;
    // Two keys naming the same dataset make one dataset listing both keys.
    const keys = byName.get(name);
    if (keys !== undefined) keys.push(key);
    else byName.set(name, [key]);
  }
  for (const [name, keys] of byName) {
    outputs.push({ namespace, name, facets: { caesium_dataset: datasetFacet('output', stepName, keys) } });
  }
  if (outputs.length === 0 && input.outputSchema !== undefined && Object.keys(input.outputSchema).length > 0) {
    outputs.push({
      namespace,
      name: `${jobAlias}.${stepName}.output`,
      facets: { caesium_dataset: datasetFacet('output', stepName), caesium_schema: schemaFacet(input.outputSchema) },
    });
  }
  const inputs: LineageDataset[] = [];
  for (const pred of Object.keys(input.inputSchema ?? {}).sort()) {
    const schema = input.inputSchema?.[pred];
    const facets: Facets = { caesium_dataset: datasetFacet('input', pred) };
    if (schema !== undefined && Object.keys(schema).length > 0) facets.caesium_schema = schemaFacet(schema);
    inputs.push({ namespace, name: `${jobAlias}.${pred}.output`, facets });
  }
  return { inputs, outputs };
}
