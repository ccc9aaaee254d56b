import { isScalar } from 'yaml';
import type { SchemaNode } from './job-schema.js';
import { fieldOf, type Reporter } from './report.js';
import { isDocument, type DefinitionSource } from './source.js';
import { suggest } from './suggest.js';
import { isObj, own, q, type Obj } from './values.js';

/**
 * The shape pass: walks the document beside the job schema, before ajv runs.
 *  - Unknown keys are warned with the nearest known key (docs/decisions.md D1); keys the schema
 *    marks `deprecated` (features of the original's newer releases) warn
 *    "not supported; ignored".
 *  - An optional key with no value (`env:`) counts as absent, as in the original.
 *  - Choice values are compared trimmed (`triggerRule: " all_done "`).
 *  - A number or boolean where text is expected is taken as the text written in
 *    the file (`PORT: 8080` → "8080", `command: [sleep, 10]`), as the original's
 *    YAML decoder does. Durations, step references and the free-form trigger and
 *    callback configuration maps are not converted (the original rejects them).
 * Returns the value to validate: the input itself when nothing changed, else a copy.
 */
export function shapeDocument(value: Obj, schema: SchemaNode, doc: DefinitionSource, report: Reporter): Obj {
  const walker = new Walker(schema, doc, report);
  return walker.walk(value, schema, true) as Obj;
}

/** `$defs` inside which numbers stay numbers, and those that switch text conversion back on. */
const STRICT_DEFS = new Set(['duration', 'stepName', 'stepNames', 'cronConfiguration', 'httpConfiguration', 'callbackConfiguration']);
const LENIENT_DEFS = new Set(['stringMap']);

/** A schema node digested for walking; cached per node, so each is digested once per process. */
interface View {
  types: readonly string[];
  properties: Record<string, SchemaNode>;
  known: string[];
  additional: SchemaNode | undefined;
  items: SchemaNode | undefined;
  enum: readonly unknown[] | undefined;
  /** Set when a `$ref` on the way switches text conversion off (false) or on (true). */
  lenient: boolean | undefined;
  /** `if`s whose branches add properties (the trigger configuration by type). */
  conditionals: SchemaNode[];
}

const views = new WeakMap<SchemaNode, View>();

class Walker {
  /** The path of the node being walked; copied only when something is reported. */
  private readonly path: (string | number)[] = [];

  constructor(
    private readonly root: SchemaNode,
    private readonly doc: DefinitionSource,
    private readonly report: Reporter,
  ) {}

  walk(v: unknown, s: SchemaNode, inherited: boolean): unknown {
    const view = this.view(s);
    const lenient = view.lenient ?? inherited;
    if (Array.isArray(v)) {
      const list = v as unknown[];
      const items = view.items;
      if (items === undefined) return list;
      let out: unknown[] | undefined;
      for (let i = 0; i < list.length; i++) {
        const item = list[i];
        this.path.push(i);
        const nv = this.walk(item, items, lenient);
        this.path.pop();
        if (nv !== item) (out ??= [...list])[i] = nv;
      }
      return out ?? list;
    }
    if (isObj(v)) return this.walkObject(v, view, lenient);
    if (typeof v === 'string') {
      // The original trims choice values such as triggerRule and signatureScheme.
      return view.enum !== undefined && v.trim() !== v && view.enum.includes(v.trim()) ? v.trim() : v;
    }
    if (lenient && (typeof v === 'number' || typeof v === 'boolean') && isText(view)) return this.sourceText(v);
    return v;
  }

  private walkObject(v: Obj, base: View, lenient: boolean): Obj {
    const view = base.conditionals.length === 0 ? base : withBranches(base, v);
    if (view.known.length === 0 && view.additional === undefined) return v;
    let out: Obj | undefined;
    for (const key of Object.keys(v)) {
      const child = v[key];
      const prop = Object.prototype.hasOwnProperty.call(view.properties, key) ? view.properties[key] : undefined;
      this.path.push(key);
      let nv: unknown = child;
      if (prop !== undefined) {
        if (prop.deprecated === true) {
          const at = [...this.path];
          this.report.warn(at, 'W_UNSUPPORTED_KEY', `${fieldOf(at)} is not supported by caesium; ignored`, {
            key: true,
            hint: 'remove it: caesium does not implement this feature of the original',
          });
        } else if (child === null) {
          out ??= { ...v };
          delete out[key];
        } else {
          nv = this.walk(child, prop, lenient);
        }
      } else if (view.additional !== undefined) {
        const entry = this.view(view.additional);
        nv = child === null && (entry.lenient ?? lenient) && isText(entry) ? '' : this.walk(child, view.additional, lenient);
      } else {
        this.unknownKey(key, view.known);
      }
      this.path.pop();
      if (nv !== child) (out ??= { ...v })[key] = nv;
    }
    return out ?? v;
  }

  private unknownKey(key: string, known: string[]): void {
    const at = [...this.path];
    const parent = fieldOf(at.slice(0, -1));
    const near = suggest(key, known);
    const where = parent === '' ? '' : ` in ${parent}`;
    this.report.warn(at, 'W_UNKNOWN_KEY', `unknown key ${q(key)}${where}${near === undefined ? '' : `; did you mean ${q(near)}?`}`, {
      key: true,
      hint: near === undefined ? `remove it (known keys here: ${known.join(', ')})` : `rename it to ${near}, or remove it`,
    });
  }

  /** The text of a scalar as written in the file (`1.50` stays "1.50"); a bare value's as `String` writes it. */
  private sourceText(v: number | boolean): string {
    if (!isDocument(this.doc)) return String(v);
    const node = this.doc.doc.getIn(this.path, true);
    if (isScalar(node) && typeof node.source === 'string' && node.source !== '') return node.source;
    return String(v);
  }

  /** The schema keywords that matter for walking, with `$ref`s followed. */
  private view(s: SchemaNode): View {
    const cached = views.get(s);
    if (cached !== undefined) return cached;
    let node = s;
    let lenient: boolean | undefined;
    for (let ref = own(node, '$ref'); typeof ref === 'string'; ref = own(node, '$ref')) {
      const name = ref.replace('#/$defs/', '');
      if (STRICT_DEFS.has(name)) lenient = false;
      if (LENIENT_DEFS.has(name)) lenient = true;
      node = ((this.root.$defs as Obj)[name] ?? {}) as SchemaNode;
    }
    const t = node.type;
    const properties = (isObj(node.properties) ? node.properties : {}) as Record<string, SchemaNode>;
    const view: View = {
      types: typeof t === 'string' ? [t] : Array.isArray(t) ? (t as string[]) : [],
      properties,
      known: Object.keys(properties),
      additional: isObj(node.additionalProperties) ? node.additionalProperties : undefined,
      items: isObj(node.items) ? node.items : undefined,
      enum: Array.isArray(node.enum) ? node.enum : undefined,
      lenient,
      conditionals: [node, ...((node.allOf as SchemaNode[] | undefined) ?? [])].filter(
        (c) => isObj(c.if) && [c.then, c.else].some((b) => isObj(b) && isObj(b.properties)),
      ),
    };
    views.set(s, view);
    return view;
  }
}

function isText(view: View): boolean {
  return view.types.length === 1 && view.types[0] === 'string';
}

/** The view with the properties of the `if` branches that hold for `v` merged in. */
function withBranches(base: View, v: Obj): View {
  const properties = { ...base.properties };
  for (const c of base.conditionals) {
    const branch = matches(c.if as Obj, v) ? c.then : c.else;
    if (isObj(branch) && isObj(branch.properties)) Object.assign(properties, branch.properties);
  }
  return { ...base, properties, known: Object.keys(properties) };
}

/** Evaluates the `if` subset the job schema uses: `properties` with `const`, and `required`. */
function matches(cond: Obj, v: Obj): boolean {
  const required = Array.isArray(cond.required) ? (cond.required as string[]) : [];
  if (required.some((k) => !Object.prototype.hasOwnProperty.call(v, k))) return false;
  const props = isObj(cond.properties) ? cond.properties : {};
  return Object.entries(props).every(([k, sub]) => !isObj(sub) || !('const' in sub) || !(k in v) || v[k] === sub.const);
}
