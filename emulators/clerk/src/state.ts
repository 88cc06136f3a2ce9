import type { ConfigUser } from './config.js';
import { errors } from './errors.js';
import { newId } from './ids.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { attemptCode, newCodeVerification } from './verifications.js';

/**
 * The emulator's runtime state, in memory: users (seeded from the config), clients (one per dev browser),
 * sessions, sign-ins, sign-ups and sign-in tokens. All timestamps are milliseconds, as on Clerk's wire.
 */

export interface EmailAddressRecord {
  id: string;
  /** Lower-cased. */
  email: string;
  /** `verified` once proven (seeded, signed-up and Backend API addresses are); an added one starts `unverified`. */
  verification: VerificationRecord;
  createdAt: number;
  updatedAt: number;
}

export interface ProfileImage {
  id: string;
  contentType: string;
  data: Buffer;
}

export interface UserRecord {
  id: string;
  emailAddresses: EmailAddressRecord[];
  primaryEmailAddressId: string;
  passwordHash: string | null;
  profileImage: ProfileImage | null;
  firstName: string | null;
  lastName: string | null;
  username: string | null;
  publicMetadata: Record<string, unknown>;
  privateMetadata: Record<string, unknown>;
  unsafeMetadata: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
  lastSignInAt: number | null;
  lastActiveAt: number | null;
}

export type SessionStatus = 'active' | 'ended' | 'removed' | 'revoked';

export interface SessionRecord {
  id: string;
  clientId: string;
  userId: string;
  status: SessionStatus;
  factorVerifiedAt: number;
  createdAt: number;
  updatedAt: number;
  lastActiveAt: number;
  expireAt: number;
  abandonAt: number;
  /** The origin of the last browser request for this session, used as the tokens' `azp`. */
  origin: string | null;
}

export interface VerificationRecord {
  status: 'unverified' | 'verified' | 'failed' | 'expired';
  strategy: string | null;
  attempts: number;
  expireAt: number | null;
  /** The one-time code "sent" for a code strategy (never on the wire). */
  code?: string;
}

export interface SignInRecord {
  id: string;
  clientId: string;
  status: 'needs_identifier' | 'needs_first_factor' | 'needs_new_password' | 'complete';
  identifier: string | null;
  userId: string | null;
  firstFactorVerification: VerificationRecord | null;
  createdSessionId: string | null;
  abandonAt: number;
}

export interface SignUpRecord {
  id: string;
  clientId: string;
  status: 'missing_requirements' | 'complete';
  email: string | null;
  passwordHash: string | null;
  firstName: string | null;
  lastName: string | null;
  username: string | null;
  unsafeMetadata: Record<string, unknown>;
  emailVerification: VerificationRecord | null;
  createdUserId: string | null;
  createdSessionId: string | null;
  abandonAt: number;
}

export interface ClientRecord {
  id: string;
  sessionIds: string[];
  signInId: string | null;
  signUpId: string | null;
  lastActiveSessionId: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface NewUser {
  id?: string;
  email: string;
  password?: string | null;
  /** Instead of `password`: a hash made earlier (a sign-up keeps only the hash). */
  passwordHash?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  username?: string | null;
  publicMetadata?: Record<string, unknown>;
  privateMetadata?: Record<string, unknown>;
  unsafeMetadata?: Record<string, unknown>;
}

/** The user fields `updateUser` may change. */
export type UserChanges = Partial<
  Pick<UserRecord, 'firstName' | 'lastName' | 'username' | 'publicMetadata' | 'privateMetadata' | 'unsafeMetadata'>
>;

function newEmailAddress(email: string, verification: VerificationRecord): EmailAddressRecord {
  const now = Date.now();
  return { id: newId('idn'), email, verification, createdAt: now, updatedAt: now };
}
/** What happened to a user, for webhooks (`webhooks/`): announced by the Store's user functions. */
export type UserChange = 'user.created' | 'user.updated' | 'user.deleted';
export type UserChangeListener = (change: UserChange, user: UserRecord) => void;

const DAY = 24 * 60 * 60 * 1000;
const SIGN_IN_ABANDON_MS = DAY;

export interface SessionSettings {
  /** Maximum session lifetime; Clerk's default is 7 days. */
  lifetimeMs: number;
  /** Sign out after this long without activity (token refreshes count); Clerk's default is off (null). */
  inactivityTimeoutMs: number | null;
}

export class Store {
  constructor(readonly sessionSettings: SessionSettings = { lifetimeMs: 7 * DAY, inactivityTimeoutMs: null }) {}

  readonly users = new Map<string, UserRecord>();
  readonly clients = new Map<string, ClientRecord>();
  readonly sessions = new Map<string, SessionRecord>();
  readonly signIns = new Map<string, SignInRecord>();
  readonly signUps = new Map<string, SignUpRecord>();
  /** dev browser id → client id */
  readonly devBrowsers = new Map<string, string>();
  /** sign-in token (ticket) → user id */
  readonly signInTokens = new Map<string, { id: string; userId: string; expireAt: number; used: boolean }>();
  /** Told of every user created, updated (`userUpdated`) or deleted, with the record as it is now. */
  private readonly userListeners: UserChangeListener[] = [];

  onUserChange(listener: UserChangeListener): void {
    this.userListeners.push(listener);
  }

  private announce(change: UserChange, user: UserRecord): void {
    for (const listener of this.userListeners) listener(change, user);
  }

  async seed(users: ConfigUser[]): Promise<void> {
    for (const user of users) {
      await this.createUser({
        id: user.id,
        email: user.email,
        password: user.password,
        firstName: user.first_name ?? null,
        lastName: user.last_name ?? null,
        username: user.username ?? null,
        publicMetadata: user.public_metadata ?? {},
        unsafeMetadata: user.unsafe_metadata ?? {},
      });
    }
  }

  // ---- users (every change to a user goes through a method here)

  async createUser(input: NewUser): Promise<UserRecord> {
    const email = input.email.trim().toLowerCase();
    if (this.findUserByEmail(email)) throw errors.identifierExists();
    if (input.id && this.users.has(input.id)) {
      throw errors.paramInvalid('id', `A user with id ${input.id} already exists.`);
    }
    const now = Date.now();
    const address = newEmailAddress(email, { status: 'verified', strategy: 'email_code', attempts: 1, expireAt: null });
    const user: UserRecord = {
      id: input.id ?? newId('user'),
      emailAddresses: [address],
      primaryEmailAddressId: address.id,
      profileImage: null,
      passwordHash: input.password ? await hashPassword(input.password) : (input.passwordHash ?? null),
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
      username: input.username ?? null,
      publicMetadata: input.publicMetadata ?? {},
      privateMetadata: input.privateMetadata ?? {},
      unsafeMetadata: input.unsafeMetadata ?? {},
      createdAt: now,
      updatedAt: now,
      lastSignInAt: null,
      lastActiveAt: null,
    };
    this.users.set(user.id, user);
    this.announce('user.created', user);
    return user;
  }

  /** The user a verified email address belongs to (an unverified address identifies no one). */
  /** Call after changing a user's profile (names, email, password, metadata…): bumps `updated_at`, announces it. */
  userUpdated(user: UserRecord): void {
    user.updatedAt = Date.now();
    this.announce('user.updated', user);
  }

  findUserByEmail(email: string): UserRecord | undefined {
    const wanted = email.trim().toLowerCase();
    for (const user of this.users.values()) {
      if (user.emailAddresses.some((address) => address.email === wanted && address.verification.status === 'verified'))
        return user;
    }
    return undefined;
  }

  /** Names, username and metadata: `undefined` leaves a field alone, `null` clears it. */
  updateUser(user: UserRecord, changes: UserChanges): UserRecord {
    for (const key of Object.keys(changes) as Array<keyof UserChanges>) {
      if (changes[key] !== undefined) (user as unknown as Record<string, unknown>)[key] = changes[key];
    }
    this.userUpdated(user);
    return user;
  }

  async setPassword(
    user: UserRecord,
    password: string,
    { signOutOtherSessionsThan }: { signOutOtherSessionsThan?: string | null } = {},
  ) {
    user.passwordHash = await hashPassword(password);
    this.userUpdated(user);
    if (signOutOtherSessionsThan !== undefined) {
      for (const session of this.sessions.values()) {
        if (session.userId === user.id && session.id !== signOutOtherSessionsThan && session.status === 'active')
          this.endSession(session, 'revoked');
      }
    }
  }

  setProfileImage(user: UserRecord, image: Omit<ProfileImage, 'id'> | null): ProfileImage | null {
    user.profileImage = image ? { id: newId('img'), ...image } : null;
    this.userUpdated(user);
    return user.profileImage;
  }

  primaryEmail(user: UserRecord): EmailAddressRecord {
    return user.emailAddresses.find((address) => address.id === user.primaryEmailAddressId)!;
  }

  emailAddressOf(user: UserRecord, id: string): EmailAddressRecord {
    const address = user.emailAddresses.find((candidate) => candidate.id === id);
    if (!address) throw errors.notFound('email address');
    return address;
  }

  /** Adds an unverified address; one that already identifies a user (this one or another) is refused. */
  addEmailAddress(user: UserRecord, email: string): EmailAddressRecord {
    const normalized = email.trim().toLowerCase();
    if (this.findUserByEmail(normalized) || user.emailAddresses.some((address) => address.email === normalized)) {
      throw errors.identifierExists();
    }
    const address = newEmailAddress(normalized, { status: 'unverified', strategy: null, attempts: 0, expireAt: null });
    user.emailAddresses.push(address);
    this.userUpdated(user);
    return address;
  }

  /** A new code for an address of the user; returns it for the mailbox. */
  prepareEmailAddressVerification(user: UserRecord, address: EmailAddressRecord): string {
    if (address.verification.status === 'verified') throw errors.alreadyVerified();
    const verification = newCodeVerification('email_code');
    address.verification = verification;
    address.updatedAt = user.updatedAt = Date.now();
    return verification.code;
  }

  /** Checks a code for an address; verified unless another user verified the same address meanwhile. */
  attemptEmailAddressVerification(user: UserRecord, address: EmailAddressRecord, code: string): void {
    if (address.verification.status === 'verified') throw errors.alreadyVerified();
    const owner = this.findUserByEmail(address.email);
    if (owner && owner.id !== user.id) throw errors.identifierExists();
    try {
      attemptCode(address.verification, 'email_code', code);
    } finally {
      address.updatedAt = Date.now();
      this.userUpdated(user);
    }
  }

  setPrimaryEmailAddress(user: UserRecord, addressId: string): void {
    const address = this.emailAddressOf(user, addressId);
    if (address.verification.status !== 'verified') {
      throw errors.paramInvalid('primary_email_address_id', 'Only a verified email address can be made primary.');
    }
    user.primaryEmailAddressId = address.id;
    this.userUpdated(user);
  }

  removeEmailAddress(user: UserRecord, addressId: string): EmailAddressRecord {
    const address = this.emailAddressOf(user, addressId);
    if (address.id === user.primaryEmailAddressId) throw errors.primaryIdentificationDeletion();
    user.emailAddresses = user.emailAddresses.filter((candidate) => candidate.id !== address.id);
    this.userUpdated(user);
    return address;
  }

  getUser(id: string): UserRecord {
    const user = this.users.get(id);
    if (!user) throw errors.notFound('user');
    return user;
  }

  async checkPassword(user: UserRecord, password: string): Promise<boolean> {
    return user.passwordHash !== null && verifyPassword(password, user.passwordHash);
  }

  deleteUser(id: string): UserRecord {
    const user = this.getUser(id);
    for (const session of this.sessions.values()) {
      if (session.userId === id && session.status === 'active') this.endSession(session, 'revoked');
    }
    this.users.delete(id);
    this.announce('user.deleted', user);
    return user;
  }

  // ---- clients

  createClient(): ClientRecord {
    const now = Date.now();
    const client: ClientRecord = {
      id: newId('client'),
      sessionIds: [],
      signInId: null,
      signUpId: null,
      lastActiveSessionId: null,
      createdAt: now,
      updatedAt: now,
    };
    this.clients.set(client.id, client);
    return client;
  }

  /** The client of a dev browser, created on first use (also after an emulator restart). */
  clientForDevBrowser(devBrowserId: string): ClientRecord {
    const clientId = this.devBrowsers.get(devBrowserId);
    const existing = clientId ? this.clients.get(clientId) : undefined;
    if (existing) return existing;
    const client = this.createClient();
    this.devBrowsers.set(devBrowserId, client.id);
    return client;
  }

  /**
   * Marks the client changed. Its `updated_at` becomes the browser's `__client_uat`, which must never be later than
   * the `iat` of a session token minted afterwards (or @clerk/backend asks for a handshake), so it is plain now.
   */
  touchClient(client: ClientRecord): void {
    client.updatedAt = Date.now();
  }

  activeSessions(client: ClientRecord): SessionRecord[] {
    return client.sessionIds
      .map((id) => this.sessions.get(id))
      .filter((session): session is SessionRecord => !!session && this.isLive(session));
  }

  /** Ends every session and forgets the sign-in/up in progress (Clerk's "sign out of all sessions"). */
  signOutClient(client: ClientRecord): void {
    for (const session of this.activeSessions(client)) this.endSession(session, 'ended');
    client.signInId = null;
    client.signUpId = null;
    client.lastActiveSessionId = null;
    this.touchClient(client);
  }

  // ---- sessions

  /** Active, within its lifetime and, with an inactivity timeout, used recently enough. */
  isLive(session: SessionRecord, now = Date.now()): boolean {
    const { inactivityTimeoutMs } = this.sessionSettings;
    return (
      session.status === 'active' &&
      session.expireAt > now &&
      (inactivityTimeoutMs === null || session.lastActiveAt + inactivityTimeoutMs > now)
    );
  }

  /** Activity on a session (touch, token refresh, handshake) keeps it from timing out. */
  markActive(session: SessionRecord): void {
    session.lastActiveAt = Date.now();
  }

  /** Starts a session for a user on a client; single-session mode ends the client's other sessions. */
  createSession(client: ClientRecord, user: UserRecord, origin: string | null): SessionRecord {
    for (const other of this.activeSessions(client)) this.endSession(other, 'ended');
    const now = Date.now();
    const session: SessionRecord = {
      id: newId('sess'),
      clientId: client.id,
      userId: user.id,
      status: 'active',
      factorVerifiedAt: now,
      createdAt: now,
      updatedAt: now,
      lastActiveAt: now,
      expireAt: now + this.sessionSettings.lifetimeMs,
      abandonAt: now + this.sessionSettings.lifetimeMs,
      origin,
    };
    this.sessions.set(session.id, session);
    client.sessionIds = [...client.sessionIds.filter((id) => this.sessions.get(id)?.status === 'active'), session.id];
    client.lastActiveSessionId = session.id;
    user.lastSignInAt = now;
    user.lastActiveAt = now;
    this.touchClient(client);
    return session;
  }

  getSession(id: string): SessionRecord {
    const session = this.sessions.get(id);
    if (!session) throw errors.sessionNotFound();
    return session;
  }

  /** A session of this client that can still mint tokens. */
  activeSessionOfClient(client: ClientRecord, sessionId: string): SessionRecord {
    const session = this.sessions.get(sessionId);
    if (!session || session.clientId !== client.id) throw errors.sessionNotFound();
    if (!this.isLive(session)) throw errors.sessionEnded();
    return session;
  }

  endSession(session: SessionRecord, status: Exclude<SessionStatus, 'active'>): void {
    session.status = status;
    session.updatedAt = Date.now();
    const client = this.clients.get(session.clientId);
    if (client) {
      client.sessionIds = client.sessionIds.filter((id) => id !== session.id);
      if (client.lastActiveSessionId === session.id) client.lastActiveSessionId = null;
      this.touchClient(client);
    }
  }

  // ---- sign-ins

  createSignIn(client: ClientRecord): SignInRecord {
    const signIn: SignInRecord = {
      id: newId('sia'),
      clientId: client.id,
      status: 'needs_identifier',
      identifier: null,
      userId: null,
      firstFactorVerification: null,
      createdSessionId: null,
      abandonAt: Date.now() + SIGN_IN_ABANDON_MS,
    };
    this.signIns.set(signIn.id, signIn);
    client.signInId = signIn.id;
    this.touchClient(client);
    return signIn;
  }

  signInOfClient(client: ClientRecord, id: string): SignInRecord {
    const signIn = this.signIns.get(id);
    if (!signIn || signIn.clientId !== client.id) throw errors.signInNotFound();
    return signIn;
  }

  // ---- sign-ups

  createSignUp(client: ClientRecord): SignUpRecord {
    const signUp: SignUpRecord = {
      id: newId('sua'),
      clientId: client.id,
      status: 'missing_requirements',
      email: null,
      passwordHash: null,
      firstName: null,
      lastName: null,
      username: null,
      unsafeMetadata: {},
      emailVerification: null,
      createdUserId: null,
      createdSessionId: null,
      abandonAt: Date.now() + SIGN_IN_ABANDON_MS,
    };
    this.signUps.set(signUp.id, signUp);
    client.signUpId = signUp.id;
    this.touchClient(client);
    return signUp;
  }

  signUpOfClient(client: ClientRecord, id: string): SignUpRecord {
    const signUp = this.signUps.get(id);
    if (!signUp || signUp.clientId !== client.id) throw errors.signUpNotFound();
    return signUp;
  }

  // ---- sign-in tokens (tickets), used by @clerk/testing's email sign-in

  createSignInToken(userId: string, expiresInSeconds: number) {
    this.getUser(userId);
    const token = { id: newId('sit'), userId, expireAt: Date.now() + expiresInSeconds * 1000, used: false };
    const ticket = Buffer.from(`${token.id}.${newId('tkt')}`).toString('base64url');
    this.signInTokens.set(ticket, token);
    return { ticket, token };
  }

  /** Consumes a ticket once; returns its user or throws Clerk's error. */
  redeemSignInToken(ticket: string): UserRecord {
    const token = this.signInTokens.get(ticket);
    if (!token || token.used || token.expireAt <= Date.now()) {
      throw errors.paramInvalid('ticket', 'The sign-in ticket is invalid, expired or already used.');
    }
    token.used = true;
    return this.getUser(token.userId);
  }
}
