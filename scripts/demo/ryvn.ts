// Ryvn: a service user's client credentials exchanged at Zitadel for one 12-hour token.
import { ConfigurationError, InvalidClientError, RyvnClient } from 'keycard/ryvn';
import type { DemoSection } from './demo-kit';

export const ryvnDemo: DemoSection = {
  api: 'ryvn',
  title: 'Ryvn: one 12-hour Zitadel token for every call',

  async sandbox({ sandbox, step, log, track }) {
    const { urls, control, credentials } = sandbox;
    const { clientId, clientSecret, orgId } = credentials.ryvn;
    const hosts = { apiUrl: urls.ryvnApi, authUrl: urls.ryvnAuth };
    const counts = () => control.counts('ryvn');
    const ryvn = track(new RyvnClient({ clientId, clientSecret, orgId, environment: 'production', ...hosts }));

    step('The first call exchanges the service user’s id and secret at Zitadel (HTTP Basic)');
    const [org] = await ryvn.listOrganizations();
    log(`organization ${org!.name} (${org!.id}); token exchanges: ${counts().tokenExchanges}, token lifetime ${control.tokenLifetime('ryvn')} s`);

    step('50 concurrent calls share that token');
    const before = counts().requests;
    await Promise.all(Array.from({ length: 50 }, (_, index) => (index % 2 === 0 ? ryvn.listServices() : ryvn.listInstallations())));
    const tokens = Object.keys(counts().byCredential).length;
    log(`${counts().requests - before} requests; tokens the sandbox has seen: ${tokens}; token exchanges: ${counts().tokenExchanges}`);

    step('A task waiting for approval (modelled on Ryvn’s CLI): approve it, and watch it run on the sandbox clock');
    const [plan] = await ryvn.listInstallationTasks('api', { status: 'pending_approval' });
    log(`${plan!.type} of api ${plan!.version}: ${plan!.status}`);
    log(`approved: ${(await ryvn.approveTask(plan!.id, { reason: 'plan reviewed' })).status}`);
    for (const ms of [2_000, 28_000]) {
      control.advanceClock(ms);
      log(`+${ms / 1000} s: ${(await ryvn.getTask(plan!.id)).status}`);
    }

    step('Update a secret: the keys and the version come back, the values never do');
    const secret = await ryvn.updateSecret('app-secrets', { add: { API_TOKEN: 'tok_demo_value' }, remove: ['SESSION_KEY'] });
    log(`${secret.name} v${secret.version}: ${secret.keys.join(', ')}`);
    const sent = counts().requests;
    try {
      await ryvn.updateSecret('app-secrets', { add: { API_TOKEN: 'x' }, remove: ['API_TOKEN'] });
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      log(`${error.name}: ${error.message} (requests sent: ${counts().requests - sent})`);
    }

    step('A wrong secret: Zitadel answers invalid_request, the client throws InvalidClientError without retrying');
    try {
      await new RyvnClient({ clientId, clientSecret: 'not-the-secret', orgId, ...hosts }).listServices();
    } catch (error) {
      if (!(error instanceof InvalidClientError)) throw error;
      log(`${error.name}: ${error.status} ${error.error} / ${error.errorDescription}`);
    }

    step('The secret is rotated; 12 h later the token has expired and a secret function is read again');
    let vault: string = clientSecret;
    const rotating = track(new RyvnClient({ clientId, clientSecret: async () => vault, orgId, ...hosts }));
    await rotating.listServices();
    const exchanges = counts().tokenExchanges;
    vault = control.rotateSecret('ryvn');
    control.advanceClock(43_200_000); // the sandbox's clock only: the client still believes its token valid
    const services = await rotating.listServices();
    log(
      `${services.length} services after one 401 and ${rotating.stats.refreshes} refresh; ` +
        `new token exchanges: ${counts().tokenExchanges - exchanges}, with the rotated secret`,
    );
  },

  async live(log) {
    // RYVN_CLIENT_ID and RYVN_CLIENT_SECRET of a service user; read-only calls only.
    const ryvn = new RyvnClient();
    const organizations = await ryvn.listOrganizations();
    for (const organization of organizations) log(`${organization.id}  ${organization.name}`);
    log(`${organizations.length} organization(s); token exchanges: ${ryvn.stats.tokenExchanges}`);
  },
};
