// The examples/ folder is not in vitest's include list, so the JDBC source examples are checked here.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readConnectorConfigFile } from '../../../src/config/index.js';
import { silentLogger } from '../../../src/util/logger.js';
import { FakeSession } from './fake-session.js';
import { validateSourceConfig } from './source-validation.js';

const DIR = fileURLToPath(new URL('../../../examples/jdbc/', import.meta.url));
const FILES = readdirSync(DIR).filter((f) => f.includes('source'));

describe('examples/jdbc source configurations', () => {
  it('come as .properties and .json for both databases', () => {
    expect(FILES.sort()).toEqual(['jdbc-source-mariadb.json', 'jdbc-source-mariadb.properties', 'jdbc-source-postgresql.json', 'jdbc-source-postgresql.properties']);
  });

  for (const file of FILES) {
    it(`${file} validates without errors`, async () => {
      const { config } = await readConnectorConfigFile(join(DIR, file));
      expect(config['connector.class']).toBe('io.confluent.connect.jdbc.JdbcSourceConnector');
      const values = await validateSourceConfig(config, async () => new FakeSession(), silentLogger());
      expect(values.filter((v) => v.errorMessages.length > 0).map((v) => `${v.name}: ${v.errorMessages.join('; ')}`)).toEqual([]);
    });
  }

  it('the .properties and .json forms agree', async () => {
    for (const db of ['postgresql', 'mariadb']) {
      const properties = await readConnectorConfigFile(join(DIR, `jdbc-source-${db}.properties`));
      const json = await readConnectorConfigFile(join(DIR, `jdbc-source-${db}.json`));
      expect(json.config).toEqual(properties.config);
      expect(json.name).toBe(properties.name);
    }
  });
});
