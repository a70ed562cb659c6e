// The few host globals core relies on. Core is compiled without the DOM and Node libraries so that
// nothing platform-specific slips in; each global used must be declared here on purpose.
declare function setTimeout(handler: () => void, timeout?: number): unknown
declare function clearTimeout(handle: unknown): void
declare function queueMicrotask(callback: () => void): void
declare const console: { error(...data: unknown[]): void; warn(...data: unknown[]): void }
declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T } | undefined
declare function atob(data: string): string
declare function btoa(data: string): string
declare class TextDecoder {
  decode(input?: Uint8Array): string
}
declare function setInterval(handler: () => void, timeout?: number): unknown
declare function clearInterval(handle: unknown): void
