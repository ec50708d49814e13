import type { ParsedValue } from './config-types.js';

/** The outcome of validating one key (Kafka's ConfigValue); connectors' own validate() returns these too. */
export class ConfigValue {
  constructor(
    readonly name: string,
    public value: ParsedValue = null,
    public recommendedValues: ParsedValue[] = [],
    readonly errorMessages: string[] = [],
    public visible = true,
  ) {}

  addErrorMessage(message: string): void {
    this.errorMessages.push(message);
  }
}
