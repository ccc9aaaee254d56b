/**
 * `GET/POST /gql` (docs/operator-consoles.md), registered only when
 * `CAESIUM_AUTH_MODE=none`: GraphQL over jobs, runs, tasks and triggers
 * (graphql/gql-schema.ts), read-only, with depth and cost limits. `GET`
 * takes `query`, `variables` (JSON) and `operationName` from the query
 * string; `POST` the same members as a JSON body. Answers are GraphQL's
 * `{data?, errors?}`: 400 when the document is not valid or breaks a limit.
 */
import type { Context, Hono } from 'hono';
import { execute, GraphQLError, parse, validate, type DocumentNode } from 'graphql';
import type { AppDeps } from '../app-deps.js';
import { readJson } from '../body.js';
import { checkLimits } from '../graphql/gql-limits.js';
import { createGqlSchema } from '../graphql/gql-schema.js';

/** Longest query text accepted (a bound on the work of parsing it). */
const MAX_QUERY_LENGTH = 20_000;

interface GqlRequest {
  query: string;
  variables: Record<string, unknown>;
  operationName: string | undefined;
}

/** Registers `/gql`. */
export function graphqlRoutes(app: Hono, deps: AppDeps): void {
  const schema = createGqlSchema(deps);
  const answer = async (c: Context, request: GqlRequest | string): Promise<Response> => {
    if (typeof request === 'string') return c.json({ errors: [{ message: request }] }, 400);
    if (request.query.length > MAX_QUERY_LENGTH)
      return c.json({ errors: [{ message: `query is longer than ${MAX_QUERY_LENGTH} characters` }] }, 400);
    let document: DocumentNode;
    try {
      document = parse(request.query);
    } catch (error) {
      return c.json({ errors: [error instanceof GraphQLError ? error.toJSON() : { message: String(error) }] }, 400);
    }
    const invalid = validate(schema, document);
    if (invalid.length > 0) return c.json({ errors: invalid.map((e) => e.toJSON()) }, 400);
    const limit = checkLimits(document, request.operationName, request.variables);
    if (limit !== undefined) return c.json({ errors: [{ message: limit }] }, 400);
    const result = await execute({ schema, document, variableValues: request.variables, operationName: request.operationName });
    return c.json(result, 200);
  };
  app.get('/gql', (c) =>
    answer(
      c,
      gqlRequest({ query: c.req.query('query'), variables: c.req.query('variables'), operationName: c.req.query('operationName') }),
    ),
  );
  app.post('/gql', async (c) => answer(c, gqlRequest(await readJson(c))));
}

/** The request's members, or a message saying what is wrong with them. */
function gqlRequest(body: unknown): GqlRequest | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'send {"query": "{ jobs { alias } }"}';
  const { query, variables, operationName } = body as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '') return 'query is required, e.g. /gql?query={jobs{alias}}';
  let vars: unknown = variables ?? {};
  if (typeof vars === 'string') {
    try {
      vars = JSON.parse(vars);
    } catch {
      return 'variables must be a JSON object';
    }
  }
  if (typeof vars !== 'object' || vars === null || Array.isArray(vars)) return 'variables must be a JSON object';
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return 'operationName must be a string';
  return {
    query,
    variables: vars as Record<string, unknown>,
    operationName: typeof operationName === 'string' ? operationName : undefined,
  };
}
