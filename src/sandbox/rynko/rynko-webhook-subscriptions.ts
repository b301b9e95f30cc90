import type { HttpHandler } from 'msw';
import { newId } from '../emulator-kit';
import { sandboxWorkspaceId } from './rynko-documents';
import type { FieldError, RouteContext, rynkoRoutes } from './rynko-route';
import type { RynkoWebhookSubscriptionRecord } from './rynko-state';

/** An event name as Rynko spells them: `document.generated`, `flow.run.completed`, … */
const eventName = /^[a-z]+(\.[a-z_]+)+$/;

/** The subscription as Rynko answers; the signing secret only on create. */
function view(subscription: RynkoWebhookSubscriptionRecord, withSecret = false) {
  const { secret, createdAt, updatedAt, ...rest } = subscription;
  return {
    ...rest,
    ...(withSecret ? { secret } : {}),
    createdAt: new Date(createdAt).toISOString(),
    updatedAt: new Date(updatedAt).toISOString(),
  };
}

/** The field problems of a create (`url` and `events` required) or update (only what is given) body. */
function problems(body: Record<string, unknown>, creating: boolean): FieldError[] {
  const errors: FieldError[] = [];
  if (creating && !(typeof body.url === 'string' && /^https:\/\/\S+$/.test(body.url))) errors.push({ field: 'url', message: 'url must be an https URL' });
  if (!creating && body.url !== undefined) errors.push({ field: 'url', message: 'url cannot be changed: create a new subscription' });
  if ((creating || body.events !== undefined) && !(Array.isArray(body.events) && body.events.length > 0 && body.events.every((event) => typeof event === 'string' && eventName.test(event)))) {
    errors.push({ field: 'events', message: 'events must be a non-empty array of event names such as document.generated' });
  }
  if (body.description !== undefined && typeof body.description !== 'string') errors.push({ field: 'description', message: 'description must be a string' });
  if (body.isActive !== undefined && typeof body.isActive !== 'boolean') errors.push({ field: 'isActive', message: 'isActive must be a boolean' });
  if (body.maxRetries !== undefined && !(Number.isInteger(body.maxRetries) && (body.maxRetries as number) >= 0)) errors.push({ field: 'maxRetries', message: 'maxRetries must be an integer ≥ 0' });
  if (body.timeoutMs !== undefined && !(Number.isInteger(body.timeoutMs) && (body.timeoutMs as number) >= 1)) errors.push({ field: 'timeoutMs', message: 'timeoutMs must be an integer ≥ 1' });
  return errors;
}

/** `/api/v1/webhook-subscriptions`: list (one answer, no paging, as Rynko's SDK reads it), create, read, update, delete. */
export function webhookSubscriptionRoutes(routes: ReturnType<typeof rynkoRoutes>): HttpHandler[] {
  const { route } = routes;
  // Rynko publishes no code for a missing subscription: a bare 404, as its framework sends.
  const find = (context: RouteContext) =>
    context.state.webhookSubscriptions.get(context.params.id!) ?? context.fail(404, undefined, `Webhook subscription ${context.params.id} not found`);
  return [
    route('get', '/api/v1/webhook-subscriptions', 'webhooks:read', (context) => {
      const data = [...context.state.webhookSubscriptions.values()].map((subscription) => view(subscription));
      return context.reply({ data, total: data.length });
    }),

    route('post', '/api/v1/webhook-subscriptions', 'webhooks:write', async (context) => {
      const body = await context.jsonBody();
      if (body instanceof Response) return body;
      const errors = problems(body, true);
      if (errors.length > 0) return context.fail(400, 'ERR_VALID_001', 'Validation failed', { errors });
      const subscription: RynkoWebhookSubscriptionRecord = {
        id: newId('wh'),
        url: body.url as string,
        events: body.events as string[],
        ...(typeof body.description === 'string' ? { description: body.description } : {}),
        isActive: body.isActive !== false,
        secret: newId('whsec', 24),
        maxRetries: (body.maxRetries as number | undefined) ?? 3,
        timeoutMs: (body.timeoutMs as number | undefined) ?? 30_000,
        workspaceId: typeof body.workspaceId === 'string' ? body.workspaceId : sandboxWorkspaceId,
        createdAt: context.now,
        updatedAt: context.now,
      };
      context.state.webhookSubscriptions.set(subscription.id, subscription);
      return context.reply(view(subscription, true), 201);
    }),

    route('get', '/api/v1/webhook-subscriptions/:id', 'webhooks:read', (context) => {
      const subscription = find(context);
      return subscription instanceof Response ? subscription : context.reply(view(subscription));
    }),

    route('patch', '/api/v1/webhook-subscriptions/:id', 'webhooks:write', async (context) => {
      const subscription = find(context);
      if (subscription instanceof Response) return subscription;
      const body = await context.jsonBody();
      if (body instanceof Response) return body;
      const errors = problems(body, false);
      if (errors.length > 0) return context.fail(400, 'ERR_VALID_001', 'Validation failed', { errors });
      for (const field of ['events', 'description', 'isActive', 'maxRetries', 'timeoutMs'] as const) {
        if (body[field] !== undefined) Object.assign(subscription, { [field]: body[field] });
      }
      subscription.updatedAt = context.now;
      return context.reply(view(subscription));
    }),

    route('delete', '/api/v1/webhook-subscriptions/:id', 'webhooks:write', (context) => {
      const subscription = find(context);
      if (subscription instanceof Response) return subscription;
      context.state.webhookSubscriptions.delete(subscription.id);
      return context.reply({ success: true, message: `Webhook subscription ${subscription.id} deleted` });
    }),
  ];
}
