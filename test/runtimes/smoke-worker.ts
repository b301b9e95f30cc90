// The smoke as a Cloudflare Worker: the test posts the input and reads the result.
import { runSmoke, type SmokeInput } from './smoke';

export default {
  async fetch(request: Request): Promise<Response> {
    return Response.json(await runSmoke((await request.json()) as SmokeInput));
  },
};
