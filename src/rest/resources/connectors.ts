import type { FastifyPluginAsync } from 'fastify';
import type { ConnectorConfig, ConnectorInfo, ConnectorOffset, ConnectorOffsets, ConnectorStateInfo, TaskInfo } from '../../runtime/herder.js';
import { BadRequestError, ConnectError, NotFoundError } from '../../runtime/errors.js';
import {
  checkConnectorName,
  checkHasConnectorClass,
  checkConnectorNameNotEmpty,
  readConfigPatch,
  readConnectorConfig,
  readCreateConnectorRequest,
  withConnectorName,
} from '../config-body.js';
import type { RestContext } from '../context.js';
import * as entity from '../entities.js';

interface ConnectorParams {
  Params: { name: string };
}
interface TaskParams {
  Params: { name: string; task: string };
}
interface RestartQuery {
  Querystring: { includeTasks?: string; onlyFailed?: string };
}

const anyObjectBody = { type: 'object' } as const;

/** `/connectors/...`: Kafka Connect's ConnectorsResource. */
export const connectorsResource: FastifyPluginAsync<{ context: RestContext }> = async (app, { context }) => {
  const { herder, herderRequest, maskConfig } = context;
  const masked = (info: ConnectorInfo): ConnectorInfo => entity.connectorInfo({ ...info, config: maskConfig(info.config, info.name) });
  const maskedTasks = (name: string, tasks: TaskInfo[]): TaskInfo[] =>
    tasks.map((t) => entity.taskInfo({ ...t, config: maskConfig(t.config, name) }));

  app.get<{ Querystring: { expand?: string | string[] } }>('/connectors', async (request) => {
    const names = herder.connectors();
    if (request.query.expand === undefined) return names;
    const expansions = ([] as string[]).concat(request.query.expand);
    const unknown = expansions.filter((expansion) => expansion !== 'status' && expansion !== 'info');
    const out: Record<string, { status?: ConnectorStateInfo; info?: ConnectorInfo }> = {};
    for (const name of names) {
      try {
        // status before info, in whichever order they were asked for.
        const entry: { status?: ConnectorStateInfo; info?: ConnectorInfo } = {};
        if (expansions.includes('status')) entry.status = entity.connectorStateInfo(herder.connectorStatus(name));
        if (expansions.includes('info')) entry.info = masked(herder.connectorInfo(name));
        for (const expansion of unknown) request.log.info(`Ignoring unknown expansion type ${expansion}`);
        out[name] = entry;
      } catch (err) {
        // Deleted while we were looking: leave it out, as Kafka Connect does.
        if (!(err instanceof NotFoundError)) throw err;
      }
    }
    return out;
  });

  app.post(
    '/connectors',
    { schema: { body: anyObjectBody } },
    async (request, reply) => {
      const create = readCreateConnectorRequest(request);
      const config = withConnectorName(create.name, create.config);
      checkConnectorNameNotEmpty(create.name);
      checkHasConnectorClass(config, maskConfig, create.name);
      const options = create.initialState === undefined ? { allowReplace: false } : { allowReplace: false, initialState: create.initialState };
      const { info } = await herderRequest(herder.putConnectorConfig(create.name, config, options));
      return reply.code(201).header('Location', connectorLocation(create.name)).send(masked(info));
    },
  );

  app.get<ConnectorParams>('/connectors/:name', async (request) => masked(herder.connectorInfo(request.params.name)));

  app.delete<ConnectorParams>('/connectors/:name', async (request, reply) => {
    await herderRequest(herder.deleteConnector(request.params.name));
    return reply.code(204).send();
  });

  app.get<ConnectorParams>('/connectors/:name/config', async (request) =>
    entity.configMap(maskConfig(herder.connectorConfig(request.params.name), request.params.name)),
  );

  app.put<ConnectorParams>(
    '/connectors/:name/config',
    { schema: { body: anyObjectBody } },
    async (request, reply) => {
      const { name } = request.params;
      const config = withConnectorName(name, readConnectorConfig(request));
      checkHasConnectorClass(config, maskConfig, name);
      const { created, info } = await herderRequest(herder.putConnectorConfig(name, config, { allowReplace: true }));
      if (created) reply.code(201).header('Location', connectorLocation(name));
      return reply.send(masked(info));
    },
  );

  app.patch<ConnectorParams>(
    '/connectors/:name/config',
    { schema: { body: anyObjectBody } },
    async (request) => {
      const { name } = request.params;
      const patch = readConfigPatch(request);
      const patchedName = patch['name'];
      if (typeof patchedName === 'string') checkConnectorName(name, patchedName);
      return masked(await herderRequest(herder.patchConnectorConfig(name, patch)));
    },
  );

  app.get<ConnectorParams>('/connectors/:name/status', async (request) => entity.connectorStateInfo(herder.connectorStatus(request.params.name)));

  app.get<ConnectorParams>('/connectors/:name/tasks', async (request) => maskedTasks(request.params.name, herder.taskConfigs(request.params.name)));

  // Kafka Connect's internal endpoint for a follower to hand task configs to the leader; standalone
  // workers refuse it (StandaloneHerder.putTaskConfigs).
  app.post<ConnectorParams>('/connectors/:name/tasks', async () => {
    throw new ConnectError('Kafka Connect in standalone mode does not support externally setting task configurations.');
  });

  app.put<ConnectorParams>('/connectors/:name/fence', async () => {
    throw new ConnectError('Kafka Connect in standalone mode does not support exactly-once source connectors.');
  });

  app.get<ConnectorParams>('/connectors/:name/tasks-config', async (request) => {
    const out: Record<string, ConnectorConfig> = {};
    for (const task of maskedTasks(request.params.name, herder.taskConfigs(request.params.name))) {
      out[`${task.id.connector}-${task.id.task}`] = task.config;
    }
    return out;
  });

  app.get<TaskParams>('/connectors/:name/tasks/:task/status', async (request) =>
    entity.taskState(herder.taskStatus(request.params.name, taskNumber(request.params.task))),
  );

  app.post<TaskParams>('/connectors/:name/tasks/:task/restart', async (request, reply) => {
    await herderRequest(herder.restartTask(request.params.name, taskNumber(request.params.task)));
    return reply.code(204).send();
  });

  app.post<ConnectorParams & RestartQuery>('/connectors/:name/restart', async (request, reply) => {
    const restart = { includeTasks: javaBoolean(request.query.includeTasks), onlyFailed: javaBoolean(request.query.onlyFailed) };
    const state = await herderRequest(herder.restartConnector(request.params.name, restart));
    return state === null ? reply.code(204).send() : reply.code(202).send(entity.connectorStateInfo(state));
  });

  app.put<ConnectorParams>('/connectors/:name/pause', async (request, reply) => {
    await herderRequest(herder.pauseConnector(request.params.name));
    return reply.code(202).send();
  });

  app.put<ConnectorParams>('/connectors/:name/resume', async (request, reply) => {
    await herderRequest(herder.resumeConnector(request.params.name));
    return reply.code(202).send();
  });

  app.put<ConnectorParams>('/connectors/:name/stop', async (request, reply) => {
    await herderRequest(herder.stopConnector(request.params.name));
    return reply.code(204).send();
  });

  app.get<ConnectorParams>('/connectors/:name/topics', async (request) => ({
    [request.params.name]: { topics: herder.connectorActiveTopics(request.params.name) },
  }));

  app.put<ConnectorParams>('/connectors/:name/topics/reset', async (request, reply) => {
    await herderRequest(herder.resetConnectorActiveTopics(request.params.name));
    return reply.code(202).send();
  });

  app.get<ConnectorParams>('/connectors/:name/offsets', async (request) => entity.connectorOffsets(await herderRequest(herder.connectorOffsets(request.params.name))));

  app.patch<ConnectorParams>('/connectors/:name/offsets', async (request) => {
    const offsets = readOffsets(request.body);
    return { message: await herderRequest(herder.alterConnectorOffsets(request.params.name, offsets)) };
  });

  app.delete<ConnectorParams>('/connectors/:name/offsets', async (request) => ({
    message: await herderRequest(herder.resetConnectorOffsets(request.params.name)),
  }));
};

function connectorLocation(name: string): string {
  return `/connectors/${encodeURIComponent(name)}`;
}

/** Jersey answers a task id that is not an Integer as an unmatched path. */
function taskNumber(text: string): number {
  if (!/^[+-]?\d+$/.test(text)) throw new NotFoundError('HTTP 404 Not Found');
  const task = Number(text);
  if (!Number.isSafeInteger(task) || task > 2 ** 31 - 1 || task < -(2 ** 31)) throw new NotFoundError('HTTP 404 Not Found');
  return task;
}

/** Java's Boolean.valueOf, which Jersey uses for boolean query parameters: anything but "true" is false. */
function javaBoolean(text: string | undefined): boolean {
  return text !== undefined && text.toLowerCase() === 'true';
}

function readOffsets(body: unknown): ConnectorOffsets {
  const offsets = isObject(body) ? body['offsets'] : undefined;
  if (!Array.isArray(offsets) || offsets.length === 0) {
    throw new BadRequestError('Partitions / offsets need to be provided for an alter offsets request');
  }
  return {
    offsets: offsets.map((entry: unknown): ConnectorOffset => {
      const partition = isObject(entry) ? entry['partition'] : undefined;
      if (!isObject(partition)) throw new BadRequestError('The partition for a connector offset cannot be null or missing');
      const offset = isObject(entry) ? (entry['offset'] ?? null) : null;
      if (offset !== null && !isObject(offset)) {
        throw new BadRequestError('The offset for a connector offset must be a JSON object or null');
      }
      return { partition, offset };
    }),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
