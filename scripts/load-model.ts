import { startWireModelServer } from '../src/testing/wire-model-server.js';
import { sickProvider } from './sick-provider.js';

// The sick provider of `npm run load`, in a process of its own so that its
// timers and hanging sockets do not share the load generator's event loop
// (a late generator would count its own delays against the webhook). It
// tells its parent its base URL, and stops when told.
const model = await startWireModelServer(sickProvider(Number(process.argv[2])));
process.send?.({ baseURL: model.baseURL });
process.on('message', () => void model.close().finally(() => process.exit(0)));
