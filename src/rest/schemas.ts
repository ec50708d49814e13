/**
 * Response schemas of Kafka Connect's REST entities. Fastify serializes with them, so property order
 * here is the JSON key order clients see (Jackson's order in Kafka Connect), whatever order the herder
 * built its objects in, and fields outside the entities never leak out.
 */

const string = { type: 'string' } as const;
const nullableString = { type: ['string', 'null'] } as const;
const stringList = { type: 'array', items: string } as const;

export const configMapSchema = { type: 'object', additionalProperties: string } as const;

const connectorTaskIdSchema = {
  type: 'object',
  properties: { connector: string, task: { type: 'integer' } },
} as const;

export const connectorInfoSchema = {
  type: 'object',
  properties: {
    name: string,
    config: configMapSchema,
    tasks: { type: 'array', items: connectorTaskIdSchema },
    type: string,
  },
} as const;

const stateProperties = {
  state: string,
  worker_id: string,
  trace: string,
  /** Sluice extension: automatic restarts so far. */
  restart_attempts: { type: 'integer' },
} as const;

export const taskStateSchema = {
  type: 'object',
  properties: { id: { type: 'integer' }, ...stateProperties },
} as const;

export const connectorStateInfoSchema = {
  type: 'object',
  properties: {
    name: string,
    connector: { type: 'object', properties: stateProperties },
    tasks: { type: 'array', items: taskStateSchema },
    type: string,
  },
} as const;

export const taskInfoListSchema = {
  type: 'array',
  items: { type: 'object', properties: { id: connectorTaskIdSchema, config: configMapSchema } },
} as const;

export const tasksConfigSchema = { type: 'object', additionalProperties: configMapSchema } as const;

export const connectorListSchema = {
  anyOf: [
    stringList,
    {
      type: 'object',
      additionalProperties: {
        type: 'object',
        properties: { status: connectorStateInfoSchema, info: connectorInfoSchema },
      },
    },
  ],
} as const;

export const activeTopicsSchema = {
  type: 'object',
  additionalProperties: { type: 'object', properties: { topics: stringList } },
} as const;

export const connectorOffsetsSchema = {
  type: 'object',
  properties: {
    offsets: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          partition: { type: 'object', additionalProperties: true },
          offset: { type: ['object', 'null'], additionalProperties: true },
        },
      },
    },
  },
} as const;

export const messageSchema = { type: 'object', properties: { message: string } } as const;

export const pluginListSchema = {
  type: 'array',
  items: { type: 'object', properties: { class: string, type: string, version: string } },
} as const;

const configKeyInfoProperties = {
  name: string,
  type: string,
  required: { type: 'boolean' },
  default_value: nullableString,
  importance: string,
  documentation: nullableString,
  group: nullableString,
  width: string,
  display_name: string,
  dependents: stringList,
  order: { type: 'integer' },
} as const;

export const configKeyInfoListSchema = {
  type: 'array',
  items: { type: 'object', properties: configKeyInfoProperties },
} as const;

export const configInfosSchema = {
  type: 'object',
  properties: {
    name: string,
    error_count: { type: 'integer' },
    groups: stringList,
    configs: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          definition: { type: ['object', 'null'], properties: configKeyInfoProperties },
          value: {
            type: 'object',
            properties: {
              name: string,
              value: nullableString,
              recommended_values: stringList,
              errors: stringList,
              visible: { type: 'boolean' },
            },
          },
        },
      },
    },
  },
} as const;

export const workerInfoSchema = {
  type: 'object',
  properties: { version: string, commit: string, kafka_cluster_id: nullableString },
} as const;

export const healthSchema = { type: 'object', properties: { status: string, message: string } } as const;

export const loggerLevelSchema = {
  type: 'object',
  properties: { level: string, last_modified: { type: ['integer', 'null'] } },
} as const;

export const loggerLevelsSchema = { type: 'object', additionalProperties: loggerLevelSchema } as const;

export const loggerNamesSchema = stringList;
