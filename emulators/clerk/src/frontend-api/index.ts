import type { Router } from '../http.js';
import type { Instance } from '../instance.js';
import { registerAssetRoutes } from './assets.js';
import { registerClientRoutes } from './client.js';
import { registerHandshakeRoute } from './handshake.js';
import { registerMailboxRoutes } from './mailbox.js';
import { registerMeRoutes } from './me.js';
import { registerProfileImageRoutes } from './profile-image.js';
import { registerSessionRoutes } from './sessions.js';
import { registerSignInRoutes } from './sign-in.js';
import { registerSignUpRoutes } from './sign-up.js';

/** Clerk's Frontend API (browser → Clerk) as the unmodified clerk-js bundle and @clerk/backend's handshake use it. */
export function registerFrontendRoutes(router: Router, instance: Instance): void {
  registerAssetRoutes(router, instance);
  registerClientRoutes(router, instance);
  registerSignInRoutes(router, instance);
  registerSignUpRoutes(router, instance);
  registerSessionRoutes(router, instance);
  registerMeRoutes(router, instance);
  registerProfileImageRoutes(router, instance);
  registerMailboxRoutes(router, instance);
  registerHandshakeRoute(router, instance);
}
