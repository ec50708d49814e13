import { ConfigDef, ConfigType, Importance, ParsedConfig } from '../../src/config/index.js';

export const FILE_CONFIG = 'file';

/** FileStreamSinkConnector.CONFIG_DEF; `topics`/`topics.regex` are the framework's. */
export const SINK_CONFIG_DEF = new ConfigDef().define({
  name: FILE_CONFIG,
  type: ConfigType.STRING,
  defaultValue: null,
  importance: Importance.HIGH,
  documentation: 'Destination filename. If not specified, the standard output will be used',
});

export interface FileStreamSinkSettings {
  /** null writes to standard output. */
  file: string | null;
}

export function parseSinkConfig(props: Record<string, string>): FileStreamSinkSettings {
  const file = new ParsedConfig(SINK_CONFIG_DEF, props).getString(FILE_CONFIG);
  return { file: file === null || file === '' ? null : file };
}
