import type {
  ClientRecord,
  EmailAddressRecord,
  SessionRecord,
  SignInRecord,
  SignUpRecord,
  Store,
  UserRecord,
  VerificationRecord,
} from './state.js';
import type { TemplateContext } from './templates.js';

/** Clerk's JSON resource shapes (snake_case, millisecond timestamps) built from the store's records. */

export interface ResourceContext {
  store: Store;
  /** Base URL of this server, for avatar images. */
  baseUrl: string;
  /** Mints the `last_active_token` of a session. */
  sessionToken: (session: SessionRecord) => Promise<string>;
}

/** The uploaded profile image, else a generated initials avatar (Clerk's image CDN is online-only). */
export function avatarUrl(baseUrl: string, user: UserRecord): string {
  if (user.profileImage) return `${baseUrl}/images/${user.id}/${user.profileImage.id}`;
  return `${baseUrl}/avatars/${user.id}.svg`;
}

const primaryEmail = (user: UserRecord) =>
  user.emailAddresses.find((address) => address.id === user.primaryEmailAddressId)!;

export function verificationJSON(verification: VerificationRecord | null, extra: Record<string, unknown> = {}) {
  if (!verification) return null;
  return {
    object: 'verification',
    status: verification.status,
    strategy: verification.strategy,
    attempts: verification.attempts,
    expire_at: verification.expireAt,
    verified_at_client: null,
    error: null,
    ...extra,
  };
}

export function emailAddressJSON(address: EmailAddressRecord) {
  const { verification } = address;
  return {
    id: address.id,
    object: 'email_address',
    email_address: address.email,
    reserved: false,
    verification:
      verification.strategy === null && verification.status === 'unverified' ? null : verificationJSON(verification),
    linked_to: [],
    matches_sso_connection: false,
    created_at: address.createdAt,
    updated_at: address.updatedAt,
  };
}

/** UserJSON as both the Frontend and the Backend API return it (array fields default to []). */
export function userJSON(user: UserRecord, baseUrl: string, { includePrivate = false } = {}) {
  return {
    id: user.id,
    object: 'user',
    external_id: null,
    primary_email_address_id: user.primaryEmailAddressId,
    primary_phone_number_id: null,
    primary_web3_wallet_id: null,
    username: user.username,
    first_name: user.firstName,
    last_name: user.lastName,
    image_url: avatarUrl(baseUrl, user),
    profile_image_url: avatarUrl(baseUrl, user),
    has_image: user.profileImage !== null,
    email_addresses: user.emailAddresses.map(emailAddressJSON),
    phone_numbers: [],
    web3_wallets: [],
    passkeys: [],
    external_accounts: [],
    saml_accounts: [],
    enterprise_accounts: [],
    organization_memberships: [],
    password_enabled: user.passwordHash !== null,
    totp_enabled: false,
    backup_code_enabled: false,
    two_factor_enabled: false,
    banned: false,
    locked: false,
    public_metadata: user.publicMetadata,
    ...(includePrivate ? { private_metadata: user.privateMetadata } : {}),
    unsafe_metadata: user.unsafeMetadata,
    last_sign_in_at: user.lastSignInAt,
    last_active_at: user.lastActiveAt,
    legal_accepted_at: null,
    create_organization_enabled: false,
    create_organizations_limit: null,
    delete_self_enabled: true,
    locale: null,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
  };
}

function publicUserDataJSON(user: UserRecord, baseUrl: string) {
  return {
    first_name: user.firstName,
    last_name: user.lastName,
    image_url: avatarUrl(baseUrl, user),
    has_image: user.profileImage !== null,
    identifier: primaryEmail(user).email,
    user_id: user.id,
    ...(user.username ? { username: user.username } : {}),
  };
}

/** The facts a JWT template may read, in the shape of templates.ts. */
export function templateContext(user: UserRecord, baseUrl: string): TemplateContext {
  return {
    user: {
      id: user.id,
      external_id: null,
      first_name: user.firstName,
      last_name: user.lastName,
      username: user.username,
      primary_email_address: primaryEmail(user).email,
      primary_phone_number: null,
      email_verified: true,
      phone_number_verified: false,
      image_url: avatarUrl(baseUrl, user),
      has_image: user.profileImage !== null,
      created_at: Math.floor(user.createdAt / 1000),
      updated_at: Math.floor(user.updatedAt / 1000),
      two_factor_enabled: false,
      public_metadata: user.publicMetadata,
      unsafe_metadata: user.unsafeMetadata,
    },
    org: null,
  };
}

/** The fields every session resource has, in the client's session list and in "Active devices". */
export function sessionBaseJSON(session: SessionRecord) {
  return {
    object: 'session',
    id: session.id,
    status: session.status,
    expire_at: session.expireAt,
    abandon_at: session.abandonAt,
    last_active_at: session.lastActiveAt,
  };
}

export async function sessionJSON(session: SessionRecord, ctx: ResourceContext) {
  const user = ctx.store.getUser(session.userId);
  const active = session.status === 'active';
  return {
    ...sessionBaseJSON(session),
    last_active_organization_id: null,
    last_active_token: active ? { object: 'token', jwt: await ctx.sessionToken(session) } : null,
    actor: null,
    tasks: null,
    factor_verification_age: [Math.floor((Date.now() - session.factorVerifiedAt) / 60_000), -1],
    user: userJSON(user, ctx.baseUrl),
    public_user_data: publicUserDataJSON(user, ctx.baseUrl),
    created_at: session.createdAt,
    updated_at: session.updatedAt,
  };
}

/** What a user can sign in with: password (if set), a code to the identifying email, and a password reset by code. */
function firstFactorsJSON(user: UserRecord, signIn: SignInRecord) {
  const address = user.emailAddresses.find((candidate) => candidate.email === signIn.identifier) ?? primaryEmail(user);
  const email = {
    safe_identifier: address.email,
    email_address_id: address.id,
    primary: address.id === user.primaryEmailAddressId,
  };
  return [
    ...(user.passwordHash !== null ? [{ strategy: 'password' }] : []),
    { strategy: 'email_code', ...email },
    { strategy: 'reset_password_email_code', ...email },
  ];
}

export function signInJSON(signIn: SignInRecord, ctx: ResourceContext) {
  const user = signIn.userId ? ctx.store.users.get(signIn.userId) : undefined;
  return {
    object: 'sign_in_attempt',
    id: signIn.id,
    status: signIn.status,
    supported_identifiers: ['email_address'],
    identifier: signIn.identifier,
    user_data: user
      ? {
          first_name: user.firstName,
          last_name: user.lastName,
          image_url: avatarUrl(ctx.baseUrl, user),
          has_image: user.profileImage !== null,
        }
      : null,
    supported_first_factors: user && signIn.status !== 'needs_identifier' ? firstFactorsJSON(user, signIn) : [],
    supported_second_factors: null,
    first_factor_verification: verificationJSON(signIn.firstFactorVerification),
    second_factor_verification: null,
    created_session_id: signIn.createdSessionId,
    abandon_at: signIn.abandonAt,
  };
}

export function signUpJSON(signUp: SignUpRecord) {
  const emailVerified = signUp.emailVerification?.status === 'verified';
  const missing = [...(signUp.email ? [] : ['email_address']), ...(signUp.passwordHash ? [] : ['password'])];
  const emailVerification = signUp.email
    ? verificationJSON(
        signUp.emailVerification ?? { status: 'unverified', strategy: null, attempts: 0, expireAt: null },
        {
          supported_strategies: ['email_code'],
          next_action: emailVerified ? '' : signUp.emailVerification ? 'needs_attempt' : 'needs_prepare',
        },
      )
    : null;
  return {
    object: 'sign_up_attempt',
    id: signUp.id,
    status: signUp.status,
    required_fields: ['email_address', 'password'],
    optional_fields: ['first_name', 'last_name'],
    missing_fields: missing,
    unverified_fields: signUp.email && !emailVerified ? ['email_address'] : [],
    verifications: {
      email_address: emailVerification,
      phone_number: null,
      web3_wallet: null,
      external_account: null,
    },
    username: signUp.username,
    email_address: signUp.email,
    phone_number: null,
    web3_wallet: null,
    password_enabled: signUp.passwordHash !== null,
    has_password: signUp.passwordHash !== null,
    first_name: signUp.firstName,
    last_name: signUp.lastName,
    unsafe_metadata: signUp.unsafeMetadata,
    public_metadata: {},
    custom_action: false,
    external_id: null,
    created_session_id: signUp.createdSessionId,
    created_user_id: signUp.createdUserId,
    abandon_at: signUp.abandonAt,
    legal_accepted_at: null,
    locale: null,
  };
}

export async function clientJSON(client: ClientRecord, ctx: ResourceContext) {
  const signIn = client.signInId ? ctx.store.signIns.get(client.signInId) : undefined;
  const signUp = client.signUpId ? ctx.store.signUps.get(client.signUpId) : undefined;
  return {
    object: 'client',
    id: client.id,
    sessions: await Promise.all(ctx.store.activeSessions(client).map((session) => sessionJSON(session, ctx))),
    sign_in: signIn && signIn.status !== 'complete' ? signInJSON(signIn, ctx) : null,
    sign_up: signUp && signUp.status !== 'complete' ? signUpJSON(signUp) : null,
    last_active_session_id: client.lastActiveSessionId,
    last_authentication_strategy: null,
    captcha_bypass: false,
    cookie_expires_at: null,
    created_at: client.createdAt,
    updated_at: client.updatedAt,
  };
}
