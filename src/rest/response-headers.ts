import type { FastifyReply } from 'fastify';

export type HeaderAction = 'set' | 'add' | 'setDate' | 'addDate';

/** One rule of `response.http.headers.config`: `[action] [name]:[value]`. */
export interface ResponseHeaderRule {
  action: HeaderAction;
  name: string;
  value: string;
}

const ACTIONS: readonly HeaderAction[] = ['set', 'add', 'setDate', 'addDate'];

/**
 * Parses `response.http.headers.config`: comma-separated rules (double quotes protect commas inside a
 * rule, as Jetty's csvSplit does), validated with Kafka's RestServerConfig messages.
 */
export function parseResponseHeaderRules(config: string | undefined): ResponseHeaderRule[] {
  if (config === undefined || config.trim() === '') return [];
  return splitQuoted(config).map(parseRule);
}

/**
 * Applies rules to a response (Jetty's HeaderFilter): `add` keeps existing values, `set` replaces them,
 * and the date actions send now + value milliseconds as an HTTP date.
 */
export function applyResponseHeaderRules(reply: FastifyReply, rules: readonly ResponseHeaderRule[], now = Date.now()): void {
  for (const { action, name, value } of rules) {
    const text = action.endsWith('Date') ? new Date(now + Number(value)).toUTCString() : value;
    const existing = reply.getHeader(name);
    if (action.startsWith('add') && existing !== undefined) {
      reply.header(name, [...(Array.isArray(existing) ? existing : [String(existing)]), text]);
    } else {
      reply.header(name, text);
    }
  }
}

function parseRule(rule: string): ResponseHeaderRule {
  const trimmed = rule.trim();
  const space = trimmed.search(/\s/);
  if (space < 0) {
    throw new Error(`Invalid format of header config '${rule}'. Expected: '[action] [header name]:[header value]'`);
  }
  const actionText = trimmed.slice(0, space);
  const action = ACTIONS.find((a) => a.toLowerCase() === actionText.toLowerCase());
  if (action === undefined) {
    throw new Error(`Invalid header config action: '${actionText}'. Expected one of [${ACTIONS.join(', ')}]`);
  }
  const pair = trimmed.slice(space).trim();
  const parts = pair.split(':');
  if (parts.length !== 2) {
    throw new Error(`Invalid format of header name and header value pair '${pair}'. Expected: '[header name]:[header value]'`);
  }
  const name = (parts[0] ?? '').trim();
  const value = (parts[1] ?? '').trim();
  if (name === '' || /\s/.test(name)) {
    throw new Error(`Invalid header name '${name}'. The '[header name]' cannot contain whitespace`);
  }
  if (action.endsWith('Date') && !/^-?\d+$/.test(value)) {
    throw new Error(`Invalid header value '${value}' for ${action}: expected milliseconds from now`);
  }
  return { action, name, value };
}

function splitQuoted(text: string): string[] {
  const items: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted && c === '\\' && i + 1 < text.length) current += text[++i];
    else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      items.push(current);
      current = '';
    } else current += c;
  }
  items.push(current);
  return items.map((i) => i.trim()).filter((i) => i !== '');
}
