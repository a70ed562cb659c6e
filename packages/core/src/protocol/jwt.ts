import { MetalError } from '../errors.js'

function base64UrlDecode(text: string): string {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4)
  const binary = atob(b64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return new TextDecoder().decode(bytes)
}

/** Reads a JWT's payload without checking its signature (that is the server's job). */
export function decodeJwt(token: string): Record<string, unknown> {
  try {
    const payload = JSON.parse(base64UrlDecode(token.split('.')[1] ?? '')) as unknown
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
      throw new Error('not an object')
    return payload as Record<string, unknown>
  } catch (error) {
    throw new MetalError(
      'unauthenticated',
      `authenticate(): the JWT payload cannot be read (${(error as Error).message})`,
    )
  }
}
