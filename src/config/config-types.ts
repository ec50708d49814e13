import type { Password } from './password.js';

/** The value types of Kafka's ConfigDef; the REST API shows them by these upper-case names. */
export const ConfigType = {
  BOOLEAN: 'BOOLEAN',
  STRING: 'STRING',
  INT: 'INT',
  SHORT: 'SHORT',
  LONG: 'LONG',
  DOUBLE: 'DOUBLE',
  LIST: 'LIST',
  CLASS: 'CLASS',
  PASSWORD: 'PASSWORD',
} as const;
export type ConfigType = (typeof ConfigType)[keyof typeof ConfigType];

export const Importance = { HIGH: 'HIGH', MEDIUM: 'MEDIUM', LOW: 'LOW' } as const;
export type Importance = (typeof Importance)[keyof typeof Importance];

export const Width = { NONE: 'NONE', SHORT: 'SHORT', MEDIUM: 'MEDIUM', LONG: 'LONG' } as const;
export type Width = (typeof Width)[keyof typeof Width];

/** Marks a key as required: a config without it fails with `Missing required configuration ...`. */
export const NO_DEFAULT_VALUE: unique symbol = Symbol('NO_DEFAULT_VALUE');
export type NoDefaultValue = typeof NO_DEFAULT_VALUE;

/**
 * A value after parsing by type:
 * BOOLEAN boolean; STRING and CLASS string (a class is kept by name); INT, SHORT, DOUBLE number;
 * LONG bigint (always, so 9223372036854775807 keeps every digit); LIST string[]; PASSWORD Password.
 * null when the key is set to null or defaults to null.
 */
export type ParsedValue = boolean | string | number | bigint | readonly string[] | Password | null;

/**
 * A value as supplied: normally the string from a `.properties` file or REST body, or an already
 * typed value (a default in a definition, a value from code).
 */
export type RawConfigValue = string | number | bigint | boolean | readonly string[] | Password | null;

/** Supplied configuration; `undefined` entries count as absent. */
export type ConfigProps = Readonly<Record<string, RawConfigValue | undefined>>;

/** A parsed configuration, by key. A Map so that keys such as `__proto__` stay ordinary keys. */
export type ParsedConfigValues = ReadonlyMap<string, ParsedValue>;
