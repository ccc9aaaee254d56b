/**
 * The GraphQL schema of `/gql` (docs/operator-consoles.md): a read-only view
 * of jobs, their tasks, trigger and runs, runs with their task runs, and the
 * triggers. Every field is resolved through the same views as the REST API,
 * so both answer the same facts. Trigger configurations are left out: they
 * can hold webhook secrets.
 */
import {
  GraphQLBoolean,
  GraphQLID,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  type GraphQLFieldConfigMap,
  type GraphQLOutputType,
} from 'graphql';
import type { RunJson, TaskRunJson } from '../../api/run.js';
import type { TriggerJson } from '../../api/inventory.js';
import type { JobJson } from '../../api/job.js';
import type { AppDeps } from '../app-deps.js';
import { isUuid } from '../body.js';
import { HttpError } from '../http-error.js';
import type { JobView } from '../job-views.js';
import { oneRunJson, runsJson } from '../run-info.js';
import { jobJson, taskJson, triggerJson } from '../views/job-json.js';
import { triggerEntryJson } from '../views/inventory-json.js';

/** The default `limit` of each list field; the cost limit reads them too. */
export const LIST_DEFAULTS = { jobs: 100, triggers: 100, runs: 20 } as const;
const MAX_PAGE = 1000;

const nn = <T extends GraphQLOutputType>(t: T) => new GraphQLNonNull(t);
const list = <T extends GraphQLOutputType>(t: T) => nn(new GraphQLList(nn(t)));
const page = (limit: number) => ({ limit: { type: GraphQLInt, defaultValue: limit }, offset: { type: GraphQLInt, defaultValue: 0 } });

/** JSON members (snake_case) of `pick(source)` as GraphQL fields (camelCase): `['started_at', …]` → `startedAt`. */
function fields<S>(pick: (source: S) => object, ...members: [key: string, type: GraphQLOutputType][]): GraphQLFieldConfigMap<S, unknown> {
  return Object.fromEntries(
    members.map(([key, type]) => [
      key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
      { type, resolve: (source: S) => (pick(source) as Record<string, unknown>)[key] },
    ]),
  );
}

const itself = (source: object): object => source;

/** What a `Job` field resolves from: the view, and its REST JSON for the scalar members. */
interface JobNode {
  view: JobView;
  json: JobJson;
}

const jobNode = (view: JobView): JobNode => ({ view, json: jobJson(view) });

const pairs = (map: Record<string, string>): { key: string; value: string }[] =>
  Object.entries(map).map(([key, value]) => ({ key, value }));
const Pair = new GraphQLObjectType({ name: 'Pair', fields: { key: { type: nn(GraphQLString) }, value: { type: nn(GraphQLString) } } });

const Trigger = new GraphQLObjectType<TriggerJson>({
  name: 'Trigger',
  fields: () =>
    fields(itself, ['id', nn(GraphQLID)], ['alias', nn(GraphQLString)], ['type', nn(GraphQLString)], ['created_at', nn(GraphQLString)]),
});

const Task = new GraphQLObjectType({
  name: 'Task',
  fields: () =>
    fields(
      itself,
      ['id', nn(GraphQLID)],
      ['name', nn(GraphQLString)],
      ['type', nn(GraphQLString)],
      ['engine', nn(GraphQLString)],
      ['image', GraphQLString],
      ['command', list(GraphQLString)],
      ['retries', nn(GraphQLInt)],
      ['trigger_rule', nn(GraphQLString)],
    ),
});

const TaskRun = new GraphQLObjectType<TaskRunJson>({
  name: 'TaskRun',
  fields: () =>
    fields(
      itself,
      ['task_id', nn(GraphQLID)],
      ['task_run_id', nn(GraphQLID)],
      ['name', nn(GraphQLString)],
      ['status', nn(GraphQLString)],
      ['attempt', nn(GraphQLInt)],
      ['max_attempts', nn(GraphQLInt)],
      ['cache_hit', nn(GraphQLBoolean)],
      ['exit_code', GraphQLInt],
      ['error', GraphQLString],
      ['started_at', GraphQLString],
      ['completed_at', GraphQLString],
    ),
});

const Run = new GraphQLObjectType<RunJson>({
  name: 'Run',
  fields: () => ({
    ...fields(
      itself,
      ['id', nn(GraphQLID)],
      ['job_id', nn(GraphQLID)],
      ['job_alias', nn(GraphQLString)],
      ['status', nn(GraphQLString)],
      ['trigger_type', GraphQLString],
      ['started_at', nn(GraphQLString)],
      ['completed_at', GraphQLString],
      ['error', GraphQLString],
      ['total_tasks', nn(GraphQLInt)],
      ['cache_hits', nn(GraphQLInt)],
    ),
    params: { type: list(Pair), resolve: (run: RunJson) => pairs(run.params) },
    tasks: { type: list(TaskRun), resolve: (run: RunJson) => run.tasks },
  }),
});

type Page = { limit: number; offset: number };

/** The schema over `deps` (one per app). */
export function createGqlSchema(deps: AppDeps): GraphQLSchema {
  const Job = new GraphQLObjectType<JobNode>({
    name: 'Job',
    fields: () => ({
      ...fields(
        (node: JobNode) => node.json,
        ['id', nn(GraphQLID)],
        ['alias', nn(GraphQLString)],
        ['version', nn(GraphQLInt)],
        ['paused', nn(GraphQLBoolean)],
        ['trigger_type', GraphQLString],
        ['created_at', nn(GraphQLString)],
        ['updated_at', nn(GraphQLString)],
      ),
      labels: { type: list(Pair), resolve: ({ view }: JobNode) => pairs(view.job.labels) },
      tasks: {
        type: list(Task),
        resolve: async ({ view }: JobNode) => (await deps.store.jobs.tasks(view.version.id)).map((t) => taskJson(view, t)),
      },
      trigger: {
        type: Trigger,
        resolve: async ({ view }: JobNode) => {
          const trigger = await deps.store.catalog.trigger(view.version.id);
          return trigger === undefined ? null : triggerJson(view, trigger);
        },
      },
      runs: {
        type: list(Run),
        args: page(LIST_DEFAULTS.runs),
        resolve: async ({ view }: JobNode, args: Page) =>
          runsJson(deps, view, await deps.store.catalog.runs(view.entry.alias, paged(args))),
      },
      run: {
        type: Run,
        args: { id: { type: nn(GraphQLID) } },
        resolve: async ({ view }: JobNode, { id }: { id: string }) => {
          const run = isUuid(id) ? await deps.store.runs.get(id.toLowerCase()) : undefined;
          const version = run === undefined ? undefined : await deps.store.jobs.get(run.jobId);
          return run === undefined || version?.alias !== view.entry.alias ? null : oneRunJson(deps, view, run);
        },
      },
    }),
  });
  const query = new GraphQLObjectType({
    name: 'Query',
    fields: {
      jobs: {
        type: list(Job),
        args: { ...page(LIST_DEFAULTS.jobs), alias: { type: GraphQLString } },
        resolve: async (_, args: Page & { alias?: string }) => {
          const entries = await deps.store.catalog.list({ ...paged(args), ...(args.alias === undefined ? {} : { alias: args.alias }) });
          const views = await Promise.all(entries.map((e) => deps.views.view(e).catch(() => undefined)));
          return views.filter((v) => v !== undefined).map(jobNode);
        },
      },
      job: {
        type: Job,
        args: { id: { type: nn(GraphQLID) } },
        resolve: (_, { id }: { id: string }) => deps.views.byIdOrPrefix(id).then(jobNode, notFoundAsNull),
      },
      triggers: {
        type: list(Trigger),
        args: page(LIST_DEFAULTS.triggers),
        resolve: async (_, args: Page) => (await deps.store.inventory.triggers({ ...paged(args), orderBy: [] })).map(triggerEntryJson),
      },
    },
  });
  return new GraphQLSchema({ query });
}

function paged(args: Page): Page {
  const check = (n: number, name: string, min: number, max: number): number => {
    if (!(n >= min && n <= max)) throw new Error(`${name} must be a whole number between ${min} and ${max}; got ${n}`);
    return n;
  };
  return { limit: check(args.limit, 'limit', 1, MAX_PAGE), offset: check(args.offset, 'offset', 0, Number.MAX_SAFE_INTEGER) };
}

function notFoundAsNull(error: unknown): null {
  if (error instanceof HttpError && error.status === 404) return null;
  throw error;
}
