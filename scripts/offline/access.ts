import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type Setting, settings as settingDefinitions } from '../../functions/workers.ts';
import type { Grant } from '../../shared/http/route.ts';
import type { Ports, SettingsPort } from '../../shared/ports/index.ts';

/**
 * What AWS gives one function and nothing more: IAM grants (infra/ turns each into the narrowest policy) and the
 * deployment settings in its environment. Offline, every handler runs in one process with every port bound, so
 * the stack runs each invocation inside its function's scope and the ports ask the scope, as IAM and the Lambda
 * environment would: an undeclared use fails offline as it would on AWS, not first in production.
 */
export type LocalFunction = {
  /** The function's name (a route's operationId, a worker's name): who is refused, in the error. */
  name: string;
  grants: readonly Grant[];
  settings?: readonly Setting[];
};

const scope = new AsyncLocalStorage<LocalFunction>();

/** Runs `work` as `fn`: everything it sets off in this invocation (awaits, timers, imports) is checked as `fn`. */
export const runAs = <T>(fn: LocalFunction, work: () => T): T => scope.run(fn, work);

const account = '000000000000';
const region = 'local';

/** The table's ARN offline, as IAM errors and the archive's manifests name it. */
export const localTableArn = (tableName: string) => `arn:aws:dynamodb:${region}:${account}:table/${tableName}`;

/** The error an AWS SDK client raises when IAM refuses the call, with AWS's wording. */
export function accessDenied(fn: LocalFunction, action: string, resource: string, name = 'AccessDeniedException') {
  const message = `User: arn:aws:sts::${account}:assumed-role/${fn.name}-role/${fn.name} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;
  return Object.assign(new Error(message), {
    name,
    $fault: 'client',
    $metadata: { httpStatusCode: 400, attempts: 1, totalRetryDelay: 0 },
  });
}

/**
 * Refuses the call unless the function running (if any: the stack's own code runs outside every function) holds
 * `grant`; no grant gives an action that none names.
 */
function authorize(grant: Grant | undefined, action: string, resource: string, errorName?: string) {
  const fn = scope.getStore();
  if (fn && !(grant && fn.grants.includes(grant))) throw accessDenied(fn, action, resource, errorName);
}

/** The IAM actions a DynamoDB call needs (a transaction: one per item), each under the grant that gives it. */
const tableActions: Record<string, Grant> = {
  GetItem: 'table:read',
  BatchGetItem: 'table:read',
  Query: 'table:read',
  Scan: 'table:read',
  ConditionCheckItem: 'table:read',
  DescribeTable: 'table:read',
  PutItem: 'table:write',
  UpdateItem: 'table:write',
  DeleteItem: 'table:write',
  BatchWriteItem: 'table:write',
};
const transactionItemActions: Record<string, string> = {
  Get: 'GetItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
};

export function dynamoDbActions(operation: string, input: Record<string, unknown>): string[] {
  return [...new Set(itemCalls(operation, input).map((call) => call.action))];
}

type Keyed = { pk?: string };
type Input = {
  Key?: Keyed;
  Item?: Keyed;
  TransactItems?: Record<string, { Key?: Keyed; Item?: Keyed }>[];
  RequestItems?: Record<string, unknown>;
  IndexName?: string;
  KeyConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
};
type BatchGet = { Keys?: Keyed[] };
type BatchWrite = { PutRequest?: { Item?: Keyed }; DeleteRequest?: { Key?: Keyed } }[];

/** The partition key a Query names: `pk = :value` (or an alias of pk); none for an index, which has its own key. */
function queriedKey(input: Input): string | undefined {
  if (input.IndexName) return undefined;
  const names = input.ExpressionAttributeNames ?? {};
  for (const [, name, value] of String(input.KeyConditionExpression ?? '').matchAll(/([#\w]+)\s*=\s*(:\w+)/g)) {
    const key = input.ExpressionAttributeValues?.[value as string];
    if ((names[name as string] ?? name) === 'pk' && typeof key === 'string') return key;
  }
  return undefined;
}

/**
 * Each IAM action a DynamoDB call needs, with the partition key it names (IAM's `dynamodb:LeadingKeys`), item by
 * item as DynamoDB authorizes transactions and batches; no key for a Scan, an index Query or DescribeTable.
 */
function itemCalls(operation: string, input: Input): { action: string; key?: string }[] {
  switch (operation) {
    case 'TransactWriteItems':
    case 'TransactGetItems':
      return (input.TransactItems ?? []).flatMap((item) =>
        Object.entries(item).map(([kind, part]) => ({
          action: transactionItemActions[kind] ?? kind,
          key: (part.Key ?? part.Item)?.pk,
        })),
      );
    case 'BatchGetItem':
      return (Object.values(input.RequestItems ?? {}) as BatchGet[]).flatMap((request) =>
        (request.Keys ?? []).map((key) => ({ action: operation, key: key.pk })),
      );
    case 'BatchWriteItem':
      return (Object.values(input.RequestItems ?? {}) as BatchWrite[]).flatMap((requests) =>
        requests.map((request) => ({
          action: operation,
          key: (request.PutRequest?.Item ?? request.DeleteRequest?.Key)?.pk,
        })),
      );
    case 'GetItem':
    case 'DeleteItem':
    case 'UpdateItem':
      return [{ action: operation, key: input.Key?.pk }];
    case 'PutItem':
      return [{ action: operation, key: input.Item?.pk }];
    case 'Query':
      return [{ action: operation, key: queriedKey(input) }];
    default:
      return [{ action: operation }];
  }
}

/** IAM's StringLike: `*` matches any run of characters, the rest literally. */
const like = (pattern: string, value: string) =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  ).test(value);

/** Whether a grant for only some items (ItemsGrant) lets `fn` make one item call; never without a partition key. */
function itemsAllow(fn: LocalFunction, grant: Grant | undefined, key: string | undefined) {
  const wanted = grant === 'table:read' ? 'read' : 'write';
  return (
    key !== undefined &&
    fn.grants.some(
      (held) => typeof held === 'object' && held.table === wanted && held.keys.some((pattern) => like(pattern, key)),
    )
  );
}

/** The table client checks each call against the running function's table grants (IAM's dynamodb:* actions). */
function guardTable(client: DynamoDBDocumentClient, tableName: string) {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context.commandName ?? '').replace(/Command$/, '');
      const fn = scope.getStore();
      const resource = localTableArn(tableName);
      for (const { action, key } of itemCalls(operation, args.input as Input)) {
        const grant = tableActions[action];
        if (fn && itemsAllow(fn, grant, key)) continue;
        authorize(grant, `dynamodb:${action}`, resource);
      }
      return next(args);
    },
    { step: 'initialize', name: 'offlineGrants', override: true },
  );
}

/** The ports a handler reaches, each checking the running function's grants as IAM would. */
export function guardedPorts(
  ports: Pick<Ports, 'table' | 'mail' | 'events' | 'workflows' | 'archive'>,
): Pick<Ports, 'table' | 'mail' | 'events' | 'workflows' | 'archive'> {
  const { table, mail, events, workflows, archive } = ports;
  guardTable(table.client, table.name);
  const stateMachine = (name: string) => `arn:aws:states:${region}:${account}:stateMachine:${name}`;
  const callback = (action: string) => authorize('workflows:callback', `states:${action}`, stateMachine('*'));
  return {
    table,
    archive: {
      async exportTable(request) {
        authorize('table:export', 'dynamodb:ExportTableToPointInTime', localTableArn(table.name));
        return archive.exportTable(request);
      },
    },
    mail: {
      async send(message) {
        // SES's query API names the error AccessDenied.
        authorize('mail:send', 'ses:SendRawEmail', `arn:aws:ses:${region}:${account}:identity/*`, 'AccessDenied');
        return mail.send(message);
      },
    },
    events: {
      async publish(list) {
        authorize('events:put', 'events:PutEvents', `arn:aws:events:${region}:${account}:event-bus/local`);
        return events.publish(list);
      },
    },
    workflows: {
      async start(name, input, executionName) {
        authorize('workflows:start', 'states:StartExecution', stateMachine(name));
        return workflows.start(name, input, executionName);
      },
      async stopExecution(name, executionName, cause) {
        const execution = `arn:aws:states:${region}:${account}:execution:${name}:${executionName}`;
        authorize('workflows:stop', 'states:StopExecution', execution);
        return workflows.stopExecution(name, executionName, cause);
      },
      async sendTaskSuccess(token, output) {
        callback('SendTaskSuccess');
        return workflows.sendTaskSuccess(token, output);
      },
      async sendTaskFailure(token, error, cause) {
        callback('SendTaskFailure');
        return workflows.sendTaskFailure(token, error, cause);
      },
      async sendTaskHeartbeat(token) {
        callback('SendTaskHeartbeat');
        return workflows.sendTaskHeartbeat(token);
      },
    },
  };
}

/**
 * The deployment settings offline: a function sees only the settings it declares (infra/ puts only those in its
 * environment); the stack's own code, outside every function, sees them all.
 */
export function localSettings(values: Readonly<Record<string, string>>): SettingsPort {
  return {
    get(variable) {
      const fn = scope.getStore();
      const declared = !fn || (fn.settings ?? []).some((setting) => settingDefinitions[setting].variable === variable);
      return declared ? values[variable] : undefined;
    },
  };
}
