/**
 * Validates lineage events offline: the OpenLineage 2-0-2 `RunEvent` schema
 * and the standard facet schemas from test/fixtures/openlineage (published
 * files, unmodified), plus caesium's own facets as defined in
 * src/observe/lineage/run-event.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';
import type { RunEvent } from '../../../src/observe/lineage/run-event.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'openlineage');
const SPEC = 'https://openlineage.io/spec/2-0-2/OpenLineage.json';
const BASE = { $ref: `${SPEC}#/$defs/BaseFacet` };
const str = { type: 'string' };

/** caesium's facets: everything required is there, nothing unknown. */
const CAESIUM_FACETS: Record<string, object> = {
  caesium_dag: {
    properties: { totalTasks: { type: 'integer', minimum: 0 }, triggerType: str, triggerAlias: str },
    required: ['totalTasks'],
  },
  caesium_execution: {
    properties: {
      engine: { type: 'string', minLength: 1 },
      image: str,
      command: { type: 'array', items: str },
      runtimeId: str,
      claimedBy: str,
    },
    required: ['engine', 'image'],
  },
  caesium_cache: {
    properties: {
      cacheHit: { const: true },
      hash: str,
      originRunId: { type: 'string', format: 'uuid' },
      originTaskRunId: { type: 'string', format: 'uuid' },
    },
    required: ['cacheHit'],
  },
  caesium_retry: {
    properties: {
      attempt: { type: 'integer', minimum: 2 },
      retryFrom: str,
      downstream: { type: 'boolean' },
      keptSteps: { type: 'array', items: str },
      rerunSteps: { type: 'array', items: str, minItems: 1 },
    },
    required: ['attempt', 'downstream', 'keptSteps', 'rerunSteps'],
  },
  caesium_dataset: {
    properties: { stepName: str, direction: { enum: ['input', 'output'] }, outputKeys: { type: 'array', items: str, minItems: 1 } },
    required: ['direction'],
  },
  caesium_schema: { properties: { schema: { type: 'object' } }, required: ['schema'] },
};

const STANDARD_FACETS: Record<string, string> = {
  parent: 'ParentRunFacet',
  errorMessage: 'ErrorMessageRunFacet',
  jobType: 'JobTypeJobFacet',
  sourceCodeLocation: 'SourceCodeLocationJobFacet',
};

function buildValidators(): { runEvent: ValidateFunction; facets: Map<string, ValidateFunction> } {
  // The published spec is not written for ajv's strict mode (a `required` under `not`,
  // `example` keywords); strict mode checks schema authoring, not instances.
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  (addFormatsPlugin as unknown as (a: Ajv2020) => void)(ajv);
  const ids = new Map<string, string>();
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.json'))) {
    const schema = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as { $id: string };
    ajv.addSchema(schema);
    ids.set(file.replace(/\.json$/, '').replace(/-2-0-2$/, ''), schema.$id);
  }
  const facets = new Map<string, ValidateFunction>();
  for (const [key, name] of Object.entries(STANDARD_FACETS))
    facets.set(key, ajv.compile({ $ref: `${ids.get(name) as string}#/$defs/${name}` }));
  for (const [key, schema] of Object.entries(CAESIUM_FACETS)) {
    facets.set(
      key,
      ajv.compile({
        allOf: [
          BASE,
          {
            type: 'object',
            ...schema,
            properties: { _producer: true, _schemaURL: true, ...(schema as { properties: object }).properties },
            unevaluatedProperties: false,
          },
        ],
      }),
    );
  }
  return { runEvent: ajv.compile({ $ref: `${SPEC}#/$defs/RunEvent` }), facets };
}

let validators: ReturnType<typeof buildValidators> | undefined;

/** Every problem of `event` (empty when valid), each prefixed with where it was found. */
export function lineageProblems(event: RunEvent): string[] {
  validators ??= buildValidators();
  const { runEvent, facets } = validators;
  const problems: string[] = [];
  if (!runEvent(event)) problems.push(...(runEvent.errors ?? []).map((e) => `RunEvent${e.instancePath} ${e.message ?? ''}`));
  const maps: [string, Record<string, unknown> | undefined][] = [
    ['run', event.run.facets],
    ['job', event.job.facets],
    ...[...event.inputs, ...event.outputs].map((d): [string, Record<string, unknown> | undefined] => [`dataset ${d.name}`, d.facets]),
  ];
  for (const [where, map] of maps) {
    if (map !== undefined && Object.keys(map).length === 0) problems.push(`${where}: empty facets map (should be left out)`);
    for (const [key, facet] of Object.entries(map ?? {})) {
      const validate = facets.get(key);
      if (validate === undefined) problems.push(`${where}: unknown facet ${key}`);
      else if (!validate(facet))
        problems.push(
          ...(validate.errors ?? []).map((e) => `${where}.${key}${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`),
        );
    }
  }
  return problems;
}
