import { RyvnClient } from 'keycard/ryvn';

// Reads RYVN_CLIENT_ID and RYVN_CLIENT_SECRET (and RYVN_ORG_ID, RYVN_ENVIRONMENT when set).
const ryvn = new RyvnClient();

const [org] = await ryvn.listOrganizations();
const orgId = org!.id;

// Concurrent calls share the one token exchange, and the token serves the next 12 hours.
const [services, deployments] = await Promise.all([
  ryvn.listServices({ orgId }),
  ryvn.listDeployments({ orgId, environment: 'production' }),
]);
console.log(`${org!.name}: ${services.map((service) => service.name).join(', ')}`);
const latest = deployments[0];
if (latest) console.log(`production: ${latest.serviceName} ${latest.version} is ${latest.status}`);

// Values are write-only: the answer names the keys and the new version.
const secret = await ryvn.updateSecret('app-secrets', { add: { API_TOKEN: 'tok_rotated' }, remove: ['SESSION_KEY'] }, { orgId });
console.log(`${secret.name} v${secret.version}: ${secret.keys.join(', ')}`);
