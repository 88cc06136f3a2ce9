/** An error answered in Clerk's `{ errors: [{ code, message, long_message, meta }] }` shape. */
export class ClerkApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly longMessage: string = message,
    readonly meta: Record<string, unknown> = {},
  ) {
    super(message);
  }

  toJSON() {
    return {
      errors: [{ code: this.code, message: this.message, long_message: this.longMessage, meta: this.meta }],
      clerk_trace_id: 'local',
    };
  }
}

export const errors = {
  paramMissing: (param: string) =>
    new ClerkApiError(422, 'form_param_missing', `${param} must be included.`, `${param} must be included.`, {
      param_name: param,
    }),
  paramInvalid: (param: string, message: string) =>
    new ClerkApiError(422, 'form_param_format_invalid', message, message, { param_name: param }),
  identifierNotFound: () =>
    new ClerkApiError(422, 'form_identifier_not_found', "Couldn't find your account.", "Couldn't find your account.", {
      param_name: 'identifier',
    }),
  passwordIncorrect: (param = 'password') =>
    new ClerkApiError(
      422,
      'form_password_incorrect',
      'Password is incorrect. Try again, or use another method.',
      'Password is incorrect. Try again, or use another method.',
      { param_name: param },
    ),
  identifierExists: () =>
    new ClerkApiError(
      422,
      'form_identifier_exists',
      'That email address is taken. Please try another.',
      'That email address is taken. Please try another.',
      { param_name: 'email_address' },
    ),
  codeIncorrect: () =>
    new ClerkApiError(422, 'form_code_incorrect', 'Incorrect code', 'Incorrect code', { param_name: 'code' }),
  passwordTooShort: (min: number, param = 'password') =>
    new ClerkApiError(
      422,
      'form_password_length_too_short',
      `Passwords must be ${min} characters or more.`,
      `Passwords must be ${min} characters or more.`,
      { param_name: param },
    ),
  strategyNotAllowed: (strategy: string) =>
    new ClerkApiError(
      422,
      'strategy_for_user_invalid',
      'Invalid verification strategy',
      `The verification strategy '${strategy}' is not supported by the local Clerk emulator.`,
      { param_name: 'strategy' },
    ),
  notFound: (what = 'resource') =>
    new ClerkApiError(404, 'resource_not_found', `${what} not found`, `The requested ${what} could not be found.`),
  routeNotFound: (method: string, path: string) =>
    new ClerkApiError(
      404,
      'resource_not_found',
      'not found',
      `No route for ${method} ${path} in the local Clerk emulator.`,
    ),
  badJson: () =>
    new ClerkApiError(400, 'malformed_request', 'Malformed request', 'The request body is not valid JSON.'),
  unauthenticatedBackend: () =>
    new ClerkApiError(
      401,
      'authentication_invalid',
      'Unauthorized request',
      'The provided Clerk Secret Key is invalid. Make sure that your Clerk Secret Key is correct.',
    ),
  devBrowserUnauthenticated: () =>
    new ClerkApiError(
      401,
      'dev_browser_unauthenticated',
      'Unauthorized request',
      'Unable to authenticate the dev browser.',
    ),
  sessionNotFound: () =>
    new ClerkApiError(404, 'resource_not_found', 'Session not found', 'No session was found with this id.'),
  sessionEnded: () => new ClerkApiError(401, 'signed_out', 'Signed out', 'You are signed out.'),
  templateNotFound: (name: string) =>
    new ClerkApiError(404, 'resource_not_found', 'JWT template not found', `No JWT template exists with name: ${name}`),
  signInNotFound: () =>
    new ClerkApiError(404, 'resource_not_found', 'Sign in not found', 'No sign in was found with this id.'),
  alreadyVerified: () =>
    new ClerkApiError(
      422,
      'verification_already_verified',
      'Already verified',
      'This email address has already been verified.',
    ),
  maxLengthExceeded: (param: string, max: number) =>
    new ClerkApiError(
      422,
      'form_param_max_length_exceeded',
      `${param} must be at most ${max} characters.`,
      `${param} must be at most ${max} characters.`,
      {
        param_name: param,
      },
    ),
  avatarTooLarge: () =>
    new ClerkApiError(
      413,
      'avatar_file_size_exceeded',
      'File size exceeds the maximum limit of 10MB.',
      'File size exceeds the maximum limit of 10MB. Please choose a smaller file.',
      {
        param_name: 'file',
      },
    ),
  avatarTypeInvalid: () =>
    new ClerkApiError(
      422,
      'avatar_file_type_invalid',
      'File type not supported.',
      'File type not supported. Please upload a JPG, PNG, GIF, or WEBP image.',
      {
        param_name: 'file',
      },
    ),
  signInComplete: () =>
    new ClerkApiError(
      422,
      'sign_in_complete',
      'Sign in complete',
      'This sign in has already been completed. Start a new one.',
    ),
  signUpNotFound: () =>
    new ClerkApiError(404, 'resource_not_found', 'Sign up not found', 'No sign up was found with this id.'),
  /** Real Clerk's answer to a handshake it will not perform (e.g. "invalid url scheme"). */
  handshakeInvalid: (reason: string) =>
    new ClerkApiError(400, 'invalid_handshake', 'invalid handshake', `The handshake request is invalid: ${reason}`),
  redirectNotAllowed: (param: string, reason: string) =>
    new ClerkApiError(400, 'form_param_value_invalid', `${param} is invalid`, `${param} is not allowed: ${reason}`, {
      param_name: param,
    }),
  verificationExpired: () =>
    new ClerkApiError(
      422,
      'verification_expired',
      'Verification expired',
      'This verification has expired. You must create a new one.',
      { param_name: 'code' },
    ),
  verificationFailed: () =>
    new ClerkApiError(
      422,
      'verification_failed',
      'Too many failed attempts',
      'Too many failed attempts. You have to try again with the same or another method.',
      { param_name: 'code' },
    ),
  primaryIdentificationDeletion: () =>
    new ClerkApiError(
      422,
      'identification_deletion_failed',
      'Identification deletion failed',
      'You cannot delete your primary email address. Make another verified address primary first.',
    ),
  verificationNotPrepared: () =>
    new ClerkApiError(
      422,
      'verification_missing',
      'Verification not prepared',
      'You need to send a verification code before attempting to verify.',
    ),
};
