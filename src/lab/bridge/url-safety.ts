// Threat: a link printed in a terminal (or planted in a manifest, or in a pod's
// output) is clicked and handed to the operating system's opener. Schemes such
// as file:, javascript:, smb: or a custom app protocol can run programs or leak
// credentials, so only plain http(s) links to a named host leave the app, and
// only after a real URL parser has read them (no regexes over raw text).

export function safeExternalUrl(raw: string): string | undefined {
  if (raw.length > 2048) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (!url.hostname) return undefined;
  // Credentials in a link are a phishing trick ("https://bank.com@evil.example").
  if (url.username || url.password) return undefined;
  return url.href;
}
