import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { jobSchemaValidator, loadJobSchema } from '../../src/jobdef/job-schema.js';
import { renderSchemaReference } from '../../src/jobdef/schema-doc.js';

type Node = Record<string, unknown>;

/** Every property schema and definition of the job schema, with where it is. */
function documentedNodes(schema: Node): [string, Node][] {
  const out: [string, Node][] = [];
  const walk = (node: unknown, at: string): void => {
    if (typeof node !== 'object' || node === null) return;
    const n = node as Node;
    if (typeof n.properties === 'object' && n.properties !== null) {
      for (const [k, v] of Object.entries(n.properties as Node)) {
        out.push([`${at}.${k}`, v as Node]);
        walk(v, `${at}.${k}`);
      }
    }
    for (const key of ['items', 'additionalProperties', 'then', 'else', 'if']) walk(n[key], `${at}/${key}`);
    if (Array.isArray(n.allOf)) n.allOf.forEach((s, i) => walk(s, `${at}/allOf/${i}`));
  };
  for (const [name, def] of Object.entries(schema.$defs as Node)) {
    out.push([`$defs.${name}`, def as Node]);
    walk(def, `$defs.${name}`);
  }
  walk(schema, '');
  return out;
}

describe('schemas/job.v1.json', () => {
  const schema = loadJobSchema();

  it('is a valid JSON Schema 2020-12 document', () => {
    const ajv = new Ajv2020({ allowUnionTypes: true });
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    expect(schema.$id).toBe('https://caesium.dev/schemas/job.v1.json');
    expect(typeof jobSchemaValidator()).toBe('function');
  });

  it('describes every property and definition', () => {
    const missing = documentedNodes(schema)
      .filter(
        ([at, node]) =>
          !at.includes('/if') && !at.includes('/then') && !(typeof node.description === 'string' && node.description.length > 0),
      )
      .map(([at]) => at);
    expect(missing).toEqual([]);
  });

  it('does not reject unknown keys (docs/decisions.md D1: they are warnings)', () => {
    expect(JSON.stringify(schema)).not.toContain('"additionalProperties":false');
  });

  it("marks the original's unimplemented keys as deprecated", () => {
    const defs = schema.$defs as Record<string, { properties: Record<string, { deprecated?: boolean }> }>;
    const deprecated = (def: string) =>
      Object.entries(defs[def]!.properties)
        .filter(([, p]) => p.deprecated === true)
        .map(([k]) => k);
    expect(deprecated('metadata')).toEqual(
      expect.arrayContaining([
        'datasets',
        'remediation',
        'priority',
        'concurrency',
        'rateLimits',
        'sla',
        'replaySafe',
        'serviceAccountName',
        'podAnnotations',
        'automountServiceAccountToken',
      ]),
    );
    expect(deprecated('step')).toEqual(
      expect.arrayContaining([
        'kueue',
        'rateLimit',
        'replaySafe',
        'serviceAccountName',
        'podAnnotations',
        'automountServiceAccountToken',
        'datasets',
      ]),
    );
  });

  it('knows the four engines and the three trigger types (event only warns)', () => {
    const defs = schema.$defs as Record<string, { properties: Record<string, { enum?: string[] }> }>;
    expect(defs.step!.properties.engine!.enum).toEqual(['docker', 'podman', 'kubernetes', 'local']);
    expect(defs.trigger!.properties.type!.enum).toEqual(['cron', 'http', 'event']);
  });
});

describe('renderSchemaReference', () => {
  const schema = loadJobSchema();
  const doc = renderSchemaReference(schema);

  it('is deterministic', () => {
    expect(renderSchemaReference(structuredClone(schema))).toBe(doc);
  });

  it('has one section per object definition, reached from the top level', () => {
    const sections = doc
      .split('\n')
      .filter((l) => l.startsWith('## '))
      .map((l) => l.slice(3));
    expect(sections).toEqual([
      'Job',
      'metadata',
      'trigger',
      'callback',
      'volume',
      'step',
      'cache',
      'cronConfiguration',
      'httpConfiguration',
      'callbackConfiguration',
      'volumeSource',
      'mount',
      'volumeMount',
      'claimTemplate',
      'Value types',
    ]);
  });

  it('renders field tables with type, required, default and description', () => {
    expect(doc).toContain('| field | type | required | default | description |');
    expect(doc).toContain('| `engine` | `docker` \\| `podman` \\| `kubernetes` \\| `local` |  | `docker` | Where the step runs');
    expect(doc).toContain('| `image` | string | conditional |  | Container image to run. Required unless `engine` is `local`. |');
    expect(doc).toContain('| `steps` | list of [step](#step) | yes |');
    expect(doc).toContain('| `configuration` | [cronConfiguration](#cronconfiguration) or [httpConfiguration](#httpconfiguration) |');
    expect(doc).toContain('Not supported by caesium (accepted and ignored with a warning): `serviceAccountName`');
    expect(doc.endsWith('\n')).toBe(true);
  });

  it('renders a small schema', () => {
    const small = {
      title: 'T',
      properties: {
        a: { type: 'string', description: 'an a | with pipe', default: 'x' },
        b: { $ref: '#/$defs/bee', description: 'a bee' },
      },
      required: ['a'],
      $defs: { bee: { type: 'object', description: 'Bee.', properties: { n: { type: 'integer', description: 'n' } } } },
    };
    expect(renderSchemaReference(small)).toBe(
      [
        '# T',
        '',
        '<!-- Generated from schemas/job.v1.json by `caesium job schema --doc`. Do not edit by hand. -->',
        '',
        '## Job',
        '',
        'The top level of a job document.',
        '',
        '| field | type | required | default | description |',
        '|---|---|---|---|---|',
        '| `a` | string | yes | `x` | an a \\| with pipe |',
        '| `b` | [bee](#bee) |  |  | a bee |',
        '',
        '## bee',
        '',
        'Bee.',
        '',
        '| field | type | required | default | description |',
        '|---|---|---|---|---|',
        '| `n` | integer |  |  | n |',
        '',
      ].join('\n'),
    );
  });
});
