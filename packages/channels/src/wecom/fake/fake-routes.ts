import type { FakeRoutes } from './fake-core.ts';
import { contactWayRoutes } from './handlers/contact-ways.ts';
import { customerRoutes } from './handlers/customers.ts';
import { groupRoutes } from './handlers/groups.ts';
import { messageRoutes } from './handlers/messages.ts';
import { miscRoutes } from './handlers/misc.ts';
import { tagRoutes } from './handlers/tags.ts';
import { transferRoutes } from './handlers/transfers.ts';

/** Every API path the fake serves (after /cgi-bin/; gettoken is handled by the server itself). */
export function createFakeRoutes(): FakeRoutes {
  return {
    ...customerRoutes,
    ...tagRoutes,
    ...contactWayRoutes,
    ...groupRoutes,
    ...messageRoutes,
    ...transferRoutes,
    ...miscRoutes,
  };
}
