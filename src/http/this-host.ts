/** A host name that is this machine (where `simulate` and `demo` serve): localhost, 127.0.0.0/8 or ::1. */
export function isThisHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
