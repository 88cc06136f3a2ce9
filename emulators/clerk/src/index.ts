export {
  CLERK_JS_VERSION,
  clerkJsUrl,
  LOCAL_FRONTEND_HOST,
  LOCAL_SECRET_KEY,
  publishableKeyFor,
} from './local-instance.js';
export { startClerk } from './server.js';
export type { RunningClerk, StartClerkOptions } from './server.js';
export { TEST_VERIFICATION_CODE } from './verifications.js';
