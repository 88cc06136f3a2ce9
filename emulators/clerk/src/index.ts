export { LOCAL_FRONTEND_HOST, publishableKeyFor, startClerk } from './server.js';
export type { RunningClerk, StartClerkOptions } from './server.js';
export { TEST_VERIFICATION_CODE } from './verifications.js';
