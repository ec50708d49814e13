// Config-provider references, `${provider:path:key}` or `${provider:key}`, found with the exact
// pattern of Kafka's ConfigTransformer so that the same text counts as a reference.

export interface ConfigVariable {
  /** The reference as written, e.g. `${file:/etc/creds.properties:db.password}`. */
  readonly text: string;
  readonly provider: string;
  /** Empty when the reference has no path (`${env:HOME}`). */
  readonly path: string;
  readonly key: string;
  /** Offset of the reference in the value. */
  readonly index: number;
}

const VARIABLE_SOURCE = String.raw`\$\{([^}]*?):(([^}]*?):)?([^}]*?)\}`;

export function findConfigVariables(value: string): ConfigVariable[] {
  const variables: ConfigVariable[] = [];
  for (const match of value.matchAll(new RegExp(VARIABLE_SOURCE, 'g'))) {
    variables.push({
      text: match[0],
      provider: match[1] ?? '',
      path: match[3] ?? '',
      key: match[4] ?? '',
      index: match.index ?? 0,
    });
  }
  return variables;
}

/** Whether the whole value is one provider reference (and nothing else). */
export function isConfigVariableReference(value: string): boolean {
  return new RegExp(`^${VARIABLE_SOURCE}$`).test(value);
}
