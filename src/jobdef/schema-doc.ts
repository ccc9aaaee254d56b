import type { SchemaNode } from './job-schema.js';
import { isObj } from './values.js';

/**
 * Renders the Markdown reference of the job schema (`caesium job schema --doc`,
 * checked in as docs/job-schema-reference.md): one section per object
 * definition, reached from the top level through `$ref`s, with a table of
 * field | type | required | default | description, then the value types.
 * Deterministic: the same schema always gives the same text.
 */
export function renderSchemaReference(schema: object): string {
  const root = schema as SchemaNode;
  const defs = (isObj(root.$defs) ? root.$defs : {}) as Record<string, SchemaNode>;
  const out: string[] = [];
  out.push(`# ${text(root.title) || 'Job definition reference'}`, '');
  out.push('<!-- Generated from schemas/job.v1.json by `caesium job schema --doc`. Do not edit by hand. -->', '');
  if (text(root.description) !== '') out.push(text(root.description), '');

  const objects = objectDefsInOrder(root, defs);
  out.push(...section('Job', 'The top level of a job document.', root));
  for (const name of objects) out.push(...section(name, text(defs[name]?.description), defs[name] as SchemaNode));

  const values = Object.keys(defs).filter((n) => !objects.includes(n));
  if (values.length > 0) {
    out.push('## Value types', '');
    for (const name of values) {
      const d = defs[name] as SchemaNode;
      out.push(`### ${name}`, '', `Type: ${typeOf(d, true)}.`, '');
      if (text(d.description) !== '') out.push(text(d.description), '');
      if (Array.isArray(d.examples)) out.push(`Examples: ${d.examples.map((e) => code(e)).join(', ')}.`, '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** Definitions with properties, in the order they are first reached from the top level. */
function objectDefsInOrder(root: SchemaNode, defs: Record<string, SchemaNode>): string[] {
  const order: string[] = [];
  const queue: SchemaNode[] = [root];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isObj(node)) return;
    const ref = refName(node);
    if (ref !== undefined && isObj(defs[ref]) && !order.includes(ref)) {
      if (isObj(defs[ref].properties)) order.push(ref);
      queue.push(defs[ref]);
    }
    for (const [k, v] of Object.entries(node)) if (k !== '$defs') visit(v);
  };
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] as SchemaNode;
    for (const [k, v] of Object.entries(node)) if (k !== '$defs') visit(v);
  }
  for (const name of Object.keys(defs)) if (isObj(defs[name]?.properties) && !order.includes(name)) order.push(name);
  return order;
}

function section(title: string, description: string, node: SchemaNode): string[] {
  const lines = [`## ${title}`, ''];
  if (description !== '') lines.push(description, '');
  const props = (isObj(node.properties) ? node.properties : {}) as Record<string, SchemaNode>;
  const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
  const conditional = conditionalRequired(node);
  const alternatives = branchProperties(node);
  const supported = Object.keys(props).filter((k) => props[k]?.deprecated !== true);
  const unsupported = Object.keys(props).filter((k) => props[k]?.deprecated === true);
  if (supported.length > 0) {
    lines.push('| field | type | required | default | description |', '|---|---|---|---|---|');
    for (const key of supported) {
      const p = props[key] as SchemaNode;
      const alt = alternatives.get(key);
      const type = alt !== undefined ? alt.map((a) => typeOf(a)).join(' or ') : typeOf(p);
      const req = required.has(key) ? 'yes' : conditional.has(key) ? 'conditional' : '';
      lines.push(`| \`${key}\` | ${type} | ${req} | ${cell(defaultOf(p))} | ${cell(describeProp(p))} |`);
    }
    lines.push('');
  }
  if (unsupported.length > 0) {
    lines.push(`Not supported by caesium (accepted and ignored with a warning): ${unsupported.map((k) => `\`${k}\``).join(', ')}.`, '');
  }
  return lines;
}

/** Keys required only under an `if` (e.g. `image` unless the engine is local). */
function conditionalRequired(node: SchemaNode): Set<string> {
  const out = new Set<string>();
  for (const c of [node, ...(Array.isArray(node.allOf) ? (node.allOf as SchemaNode[]) : [])]) {
    for (const b of [c.then, c.else]) if (isObj(b) && Array.isArray(b.required)) for (const k of b.required as string[]) out.add(k);
  }
  return out;
}

/** Property schemas that conditional branches substitute (trigger configuration by type). */
function branchProperties(node: SchemaNode): Map<string, SchemaNode[]> {
  const out = new Map<string, SchemaNode[]>();
  for (const c of Array.isArray(node.allOf) ? (node.allOf as SchemaNode[]) : []) {
    const props = isObj(c.then) && isObj(c.then.properties) ? c.then.properties : {};
    for (const [k, v] of Object.entries(props)) if (isObj(v)) out.set(k, [...(out.get(k) ?? []), v]);
  }
  return out;
}

function typeOf(node: SchemaNode, expand = false): string {
  const ref = refName(node);
  if (ref !== undefined && !expand) return `[${ref}](#${ref.toLowerCase()})`;
  if ('const' in node) return code(node.const);
  if (Array.isArray(node.enum)) return node.enum.map((v) => code(v)).join(' \\| ');
  const types = typeof node.type === 'string' ? [node.type] : Array.isArray(node.type) ? (node.type as string[]) : [];
  if (types.length === 0) return 'any';
  return types
    .map((t) => {
      if (t === 'array') return isObj(node.items) ? `list of ${typeOf(node.items)}` : 'list';
      if (t === 'object') return isObj(node.additionalProperties) ? `map of ${typeOf(node.additionalProperties)}` : 'mapping';
      return t;
    })
    .join(' or ');
}

function refName(node: SchemaNode): string | undefined {
  return typeof node.$ref === 'string' && node.$ref.startsWith('#/$defs/') ? node.$ref.slice('#/$defs/'.length) : undefined;
}

function describeProp(p: SchemaNode): string {
  const d = text(p.description);
  const examples = Array.isArray(p.examples) ? ` Examples: ${p.examples.map((e) => code(e)).join(', ')}.` : '';
  return d + examples;
}

function defaultOf(p: SchemaNode): string {
  return 'default' in p ? code(p.default) : '';
}

function code(v: unknown): string {
  const s = typeof v === 'string' ? (v === '' ? '""' : v) : JSON.stringify(v);
  return `\`${s}\``;
}

function text(v: unknown): string {
  return typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : '';
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|');
}
