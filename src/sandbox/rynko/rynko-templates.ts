import type { HttpHandler } from 'msw';
import { isJsonObject as isObject, newId } from '../emulator-kit';
import type { FieldError, RouteContext, rynkoRoutes } from './rynko-route';
import type { RynkoFormat, RynkoTemplateRecord } from './rynko-state';

const formats: readonly string[] = ['pdf', 'excel', 'csv'];
const variableTypes = new Set(['string', 'number', 'boolean', 'date', 'array', 'object', 'image']);

const view = (template: RynkoTemplateRecord) => {
  const { renderError: _renderError, createdAt, updatedAt, ...rest } = template;
  return { ...rest, createdAt: new Date(createdAt).toISOString(), updatedAt: new Date(updatedAt).toISOString() };
};

/**
 * Checks a create (all required fields) or update (only those given) body: shape problems are
 * ERR_VALID_001 (400); a template that is well-formed but does not make sense is ERR_TMPL_003 (422).
 */
function checkTemplate(body: Record<string, unknown>, creating: boolean, context: RouteContext): Response | undefined {
  const errors: FieldError[] = [];
  if ((creating || body.name !== undefined) && !(typeof body.name === 'string' && body.name.trim() !== '' && body.name.length <= 200)) {
    errors.push({ field: 'name', message: 'name must be a string of 1 to 200 characters' });
  }
  if (body.description !== undefined && typeof body.description !== 'string') errors.push({ field: 'description', message: 'description must be a string' });
  if (body.outputFormats !== undefined && !(Array.isArray(body.outputFormats) && body.outputFormats.length > 0 && body.outputFormats.every((format) => formats.includes(format)))) {
    errors.push({ field: 'outputFormats', message: 'outputFormats must be a non-empty array of pdf, excel, csv' });
  }
  if (body.variables !== undefined && !(Array.isArray(body.variables) && body.variables.every((item) => isObject(item) && typeof item.name === 'string' && typeof item.type === 'string'))) {
    errors.push({ field: 'variables', message: 'variables must be an array of {name, type}' });
  }
  if (body.content !== undefined && !isObject(body.content)) errors.push({ field: 'content', message: 'content must be an object' });
  if (errors.length > 0) return context.fail(400, 'ERR_VALID_001', 'Validation failed', { errors });

  const variables = (body.variables ?? []) as { name: string; type: string }[];
  const seen = new Set<string>();
  for (const [index, variable] of variables.entries()) {
    if (seen.has(variable.name)) errors.push({ field: `variables[${index}].name`, message: `variable ${variable.name} is declared twice` });
    if (!variableTypes.has(variable.type)) errors.push({ field: `variables[${index}].type`, message: `unknown variable type ${variable.type}` });
    seen.add(variable.name);
  }
  return errors.length > 0 ? context.fail(422, 'ERR_TMPL_003', 'Template validation failed', { errors }) : undefined;
}

/** `/api/v1/templates`: list, create, read, update, delete. */
export function templateRoutes(routes: ReturnType<typeof rynkoRoutes>): HttpHandler[] {
  const { route } = routes;
  const missing = (context: RouteContext) => context.fail(404, 'ERR_TMPL_001', `Template ${context.params.id} not found`);
  return [
    route('get', '/api/v1/templates', 'templates:read', (context) => {
      const query = context.url.searchParams;
      const page = Number(query.get('page') ?? 1);
      const limit = Number(query.get('limit') ?? 20);
      const errors: FieldError[] = [];
      if (!Number.isInteger(page) || page < 1) errors.push({ field: 'page', message: 'page must be an integer ≥ 1' });
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) errors.push({ field: 'limit', message: 'limit must be an integer from 1 to 100' });
      if (errors.length > 0) return context.fail(400, 'ERR_VALID_001', 'Validation failed', { errors });
      const search = query.get('search')?.toLowerCase();
      const matching = [...context.state.templates.values()].filter((template) => search === undefined || template.name.toLowerCase().includes(search));
      return context.reply({
        data: matching.slice((page - 1) * limit, page * limit).map(view),
        total: matching.length,
        page,
        limit,
        totalPages: Math.ceil(matching.length / limit),
      });
    }, 'templates'),

    route('post', '/api/v1/templates', 'templates:write', async (context) => {
      const body = await context.jsonBody();
      if (body instanceof Response) return body;
      const invalid = checkTemplate(body, true, context);
      if (invalid) return invalid;
      const id = newId('tmpl', 6);
      const template: RynkoTemplateRecord = {
        id,
        name: body.name as string,
        ...(typeof body.description === 'string' ? { description: body.description } : {}),
        outputFormats: (body.outputFormats as RynkoFormat[] | undefined) ?? ['pdf'],
        variables: (body.variables as RynkoTemplateRecord['variables'] | undefined) ?? [],
        ...(isObject(body.content) ? { content: body.content } : {}),
        createdAt: context.now,
        updatedAt: context.now,
      };
      context.state.templates.set(id, template);
      return context.reply(view(template), 201);
    }, 'templates'),

    route('get', '/api/v1/templates/:id', 'templates:read', (context) => {
      const template = context.state.templates.get(context.params.id!);
      return template === undefined ? missing(context) : context.reply(view(template));
    }, 'templates'),

    route('patch', '/api/v1/templates/:id', 'templates:write', async (context) => {
      const template = context.state.templates.get(context.params.id!);
      if (template === undefined) return missing(context);
      const body = await context.jsonBody();
      if (body instanceof Response) return body;
      const invalid = checkTemplate(body, false, context);
      if (invalid) return invalid;
      const { name, description, outputFormats, variables, content } = body as Partial<RynkoTemplateRecord>;
      Object.assign(template, {
        ...(name === undefined ? {} : { name }),
        ...(description === undefined ? {} : { description }),
        ...(outputFormats === undefined ? {} : { outputFormats }),
        ...(variables === undefined ? {} : { variables }),
        ...(content === undefined ? {} : { content }),
        updatedAt: context.now,
      });
      return context.reply(view(template));
    }, 'templates'),

    route('delete', '/api/v1/templates/:id', 'templates:write', (context) => {
      if (!context.state.templates.delete(context.params.id!)) return missing(context);
      return context.reply(undefined, 204);
    }, 'templates'),
  ];
}
