/** Error bodies: every failure answers `{"message": …}`, some with more beside it. */
import type { RunJson } from './run.js';

export interface ErrorJson {
  message: string;
}

/** A 400 of apply or diff: every invalid field of every definition. */
export interface DefinitionErrorsJson extends ErrorJson {
  errors: DefinitionErrorJson[];
}

export interface DefinitionErrorJson {
  /** The alias, or `definitions[i]` when it has none. */
  definition: string;
  field: string;
  message: string;
}

/** The 500 of `POST …/callbacks/retry` when a retried callback failed again: the refreshed run beside the message. */
export interface CallbackRetryErrorJson extends ErrorJson {
  run: RunJson;
}
