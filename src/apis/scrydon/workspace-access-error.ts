import { InsufficientScopeError } from '../../core/errors/permission-errors';

/**
 * 403 from a workspace endpoint although the token carries the scope: the service account has no
 * role in the environment (`WORKSPACE_ACCESS_DENIED`), or too low a one for an admin action
 * (`WORKSPACE_ROLE_REQUIRED`). A workspace admin fixes it by assigning the account, not by
 * granting it scopes. A missing scope is a plain `InsufficientScopeError`.
 */
export class WorkspaceAccessError extends InsufficientScopeError {
  override name = 'WorkspaceAccessError';
}
