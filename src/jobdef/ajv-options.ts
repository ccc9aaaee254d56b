/** The ajv options the job schema is compiled with, at build time and at run time alike. */
export const JOB_SCHEMA_AJV_OPTIONS = {
  allErrors: true,
  allowUnionTypes: true,
  validateSchema: false,
  code: { optimize: false },
} as const;
