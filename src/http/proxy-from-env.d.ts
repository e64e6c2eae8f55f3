// The package ships no types; this is the one function used (proxy-from-env 2.x, index.cjs).
declare module 'proxy-from-env' {
  /** The proxy URL HTTP(S)_PROXY / ALL_PROXY name for `url`, or '' when none applies or NO_PROXY exempts it. */
  export function getProxyForUrl(url: string | URL): string;
}
