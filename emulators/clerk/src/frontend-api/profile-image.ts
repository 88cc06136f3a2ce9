import { errors } from '../errors.js';
import type { RequestContext, Router } from '../http.js';
import type { Instance } from '../instance.js';
import type { ProfileImage } from '../state.js';
import { currentSession } from './me.js';
import { withClient } from './client-context.js';

export const PROFILE_IMAGE_PATH = '/v1/me/profile_image';
/** Clerk's limit for profile images. */
export const MAX_PROFILE_IMAGE_BYTES = 10 * 1024 * 1024;
/** What the server reads before giving up: a little more than a 10 MB image sent as a base64 data URL (4/3). */
export const MAX_PROFILE_IMAGE_UPLOAD_BYTES = Math.ceil((MAX_PROFILE_IMAGE_BYTES * 4) / 3) + 64 * 1024;

/** The image types Clerk accepts, recognised by their first bytes (the declared type is not trusted). */
const SIGNATURES: Array<{ type: string; matches: (data: Buffer) => boolean }> = [
  {
    type: 'image/png',
    matches: (d) => d.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { type: 'image/jpeg', matches: (d) => d[0] === 0xff && d[1] === 0xd8 && d[2] === 0xff },
  { type: 'image/gif', matches: (d) => ['GIF87a', 'GIF89a'].includes(d.subarray(0, 6).toString('latin1')) },
  {
    type: 'image/webp',
    matches: (d) => d.subarray(0, 4).toString('latin1') === 'RIFF' && d.subarray(8, 12).toString('latin1') === 'WEBP',
  },
];

/** The uploaded file: multipart `file` (clerk-js' File upload) or an octet stream holding the bytes or a data URL. */
async function uploadedFile(ctx: RequestContext): Promise<Buffer> {
  if (ctx.contentType === 'multipart/form-data') {
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(ctx.rawBody), {
        headers: { 'Content-Type': String(ctx.headers['content-type']) },
      }).formData();
    } catch {
      throw errors.paramInvalid('file', 'The upload is not valid multipart/form-data.');
    }
    const file = form.get('file');
    if (!file || typeof file === 'string') throw errors.paramMissing('file');
    return Buffer.from(await file.arrayBuffer());
  }
  if (ctx.contentType === 'application/octet-stream') {
    const text = ctx.rawBody.subarray(0, 5).toString('latin1');
    if (text === 'data:') {
      const match = /^data:[^;,]*;base64,([A-Za-z0-9+/=\s]*)$/.exec(ctx.rawBody.toString('latin1'));
      if (!match) throw errors.avatarTypeInvalid();
      return Buffer.from(match[1], 'base64');
    }
    return ctx.rawBody;
  }
  throw errors.paramMissing('file');
}

function imageJSON(userId: string, image: ProfileImage, baseUrl: string) {
  return {
    object: 'image',
    id: image.id,
    name: `${image.id}.${image.contentType.split('/')[1]}`,
    public_url: `${baseUrl}/images/${userId}/${image.id}`,
  };
}

/** `user.setProfileImage({ file })` in <UserProfile/>: upload (JPG, PNG, GIF, WEBP up to 10 MB) and remove. */
export function registerProfileImageRoutes(router: Router, instance: Instance): void {
  const { store } = instance;

  router.on('POST', PROFILE_IMAGE_PATH, async (ctx) => {
    const session = await currentSession(instance, ctx);
    const data = await uploadedFile(ctx);
    if (data.length > MAX_PROFILE_IMAGE_BYTES) throw errors.avatarTooLarge();
    const type = SIGNATURES.find((signature) => signature.matches(data))?.type;
    if (!type) throw errors.avatarTypeInvalid();
    const user = store.getUser(session.userId);
    const image = store.setProfileImage(user, { contentType: type, data })!;
    const client = store.clients.get(session.clientId)!;
    store.touchClient(client);
    return withClient(instance, client, imageJSON(user.id, image, instance.baseUrl));
  });

  router.on('DELETE', PROFILE_IMAGE_PATH, async (ctx) => {
    const session = await currentSession(instance, ctx);
    const user = store.getUser(session.userId);
    const removed = user.profileImage;
    if (!removed) throw errors.notFound('profile image');
    store.setProfileImage(user, null);
    const client = store.clients.get(session.clientId)!;
    store.touchClient(client);
    return withClient(instance, client, { ...imageJSON(user.id, removed, instance.baseUrl), deleted: true });
  });

  // Served with its sniffed type only, never as a document that could run script on this origin.
  router.on('GET', '/images/:userId/:imageId', (ctx) => {
    const image = store.users.get(ctx.params.userId)?.profileImage;
    if (!image || image.id !== ctx.params.imageId) throw errors.notFound('image');
    return {
      status: 200,
      headers: {
        'Content-Type': image.contentType,
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'Cache-Control': 'public, max-age=31536000, immutable',
        'Access-Control-Allow-Origin': '*',
      },
      body: image.data,
    };
  });
}
