export { RedisTokenStore, type RedisCommands, type RedisTokenStoreOptions } from './redis-token-store';
export type { StoredToken, TokenLease, TokenStore } from '../core/auth/token-store';
