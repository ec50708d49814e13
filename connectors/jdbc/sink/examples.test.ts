// examples/ is not in vitest's include list, so the checks of examples/jdbc/*sink* live here.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readConnectorConfigFile } from '../../../src/config/index.js';
import { JdbcSinkConnector } from './jdbc-sink-connector.js';
import { parseSinkConfig } from './sink-config.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples/jdbc/', import.meta.url));

describe.each(['jdbc-sink-postgresql', 'jdbc-sink-mariadb'])('examples/jdbc/%s', (example) => {
  it('the .properties and .json forms hold the same config, which the sink accepts', async () => {
    const properties = await readConnectorConfigFile(join(EXAMPLES, `${example}.properties`));
    const json = await readConnectorConfigFile(join(EXAMPLES, `${example}.json`));
    expect(json.config).toEqual(properties.config);
    expect(properties.config['connector.class']).toBe(JdbcSinkConnector.CLASS_NAME);
    expect(() => parseSinkConfig(properties.config)).not.toThrow();
  });

  it('validates, connection check included, against the test databases', async () => {
    const { config } = await readConnectorConfigFile(join(EXAMPLES, `${example}.properties`));
    const values = await new JdbcSinkConnector().validate(config);
    expect(values.filter((v) => v.errorMessages.length > 0).map((v) => [v.name, v.errorMessages])).toEqual([]);
  });
});
