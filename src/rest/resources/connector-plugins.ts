import type { FastifyPluginAsync } from 'fastify';
import { BadRequestError } from '../../runtime/errors.js';
import { checkHasConnectorClass, readConnectorConfig } from '../config-body.js';
import type { RestContext } from '../context.js';
import type { PreviewRequest } from '../../runtime/transform-preview.js';
import * as entity from '../entities.js';

interface PluginParams {
  Params: { plugin: string };
}

const ALIAS_SUFFIX = 'Connector';

/** `/connector-plugins/...`: Kafka Connect's ConnectorPluginsResource. */
export const connectorPluginsResource: FastifyPluginAsync<{ context: RestContext }> = async (app, { context }) => {
  const { herder, herderRequest, maskConfig } = context;

  // Jersey reads the flag with Boolean.valueOf and a default of true: any value but "true" means false.
  app.get<{ Querystring: { connectorsOnly?: string } }>('/connector-plugins', async (request) => {
    const connectorsOnly = request.query.connectorsOnly;
    return herder.plugins(connectorsOnly === undefined || connectorsOnly.toLowerCase() === 'true').map(entity.pluginInfo);
  });

  // Sluice extension: try a transform chain on sample records without creating a connector.
  app.post<{ Body: PreviewRequest }>('/connector-plugins/transforms/preview', { schema: { body: { type: 'object' } } }, async (request) => {
    if (herder.previewTransforms === undefined) throw new BadRequestError('Transform preview is not available on this worker');
    return herderRequest(herder.previewTransforms(request.body));
  });

  app.get<PluginParams>('/connector-plugins/:plugin/config', async (request) =>
    (await herder.connectorPluginConfig(request.params.plugin)).map(entity.configKeyInfo),
  );

  app.put<PluginParams>(
    '/connector-plugins/:plugin/config/validate',
    { schema: { body: { type: 'object' } } },
    async (request) => {
      const config = readConnectorConfig(request);
      checkHasConnectorClass(config, maskConfig, config['name'] ?? '');
      checkConnectorType(request.params.plugin, config['connector.class'] as string);
      return entity.configInfos(await herderRequest(herder.validateConnectorConfig(config)));
    },
  );
};

/**
 * The body's `connector.class` must match the plugin in the path: with a trailing `Connector` removed
 * from both, the class must end with the path's name, so an alias matches its full class name.
 */
function checkConnectorType(plugin: string, included: string): void {
  if (!withoutAliasSuffix(included).endsWith(withoutAliasSuffix(plugin))) {
    throw new BadRequestError(`Included connector type ${included} does not match request type ${plugin}`);
  }
}

function withoutAliasSuffix(name: string): string {
  return name.endsWith(ALIAS_SUFFIX) && name.length > ALIAS_SUFFIX.length ? name.slice(0, -ALIAS_SUFFIX.length) : name;
}
