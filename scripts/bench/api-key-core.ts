// The smallest API-key client: `createClient` with `apiKey` from the root entry, as an app that
// brings its own spec builds it. Bundled by bundle-size.ts to measure the core that every API-key
// client carries, whatever its API.
import { apiKey, createClient } from '../../src/index.ts';
import type { BenchPaths } from './bench-paths.ts';

const api = createClient<BenchPaths>({ baseUrl: 'https://api.example.com', auth: apiKey('example-key') });
export const whoami = () => api.GET('/api/v1/service-account/whoami');
