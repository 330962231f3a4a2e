// The pull-policy default depends on the image reference's tag, parsed as
// kubelet's parsers.ParseImageName does (docker/distribution references): no
// tag means `latest`; a digest without a tag means none; a reference that does
// not parse has no tag either.

// distribution/reference grammar, trimmed to what decides the tag.
const alnum = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alnum}(?:${separator}${alnum})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domain = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const name = `(?:${domain}/)?${pathComponent}(?:/${pathComponent})*`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const reference = new RegExp(`^(${name})(?::(${tag}))?(?:@(${digest}))?$`);

export interface ImageRef {
  tag: string;
  digest: string;
}

/** The tag and digest of an image reference; an unparsable reference has neither. */
export function parseImageRef(image: string): ImageRef {
  const m = reference.exec(image);
  if (!m || m[1].length > 255) return { tag: '', digest: '' };
  const t = m[2] ?? '';
  const d = m[3] ?? '';
  return { tag: t === '' && d === '' ? 'latest' : t, digest: d };
}

/** SetDefaults_Container's imagePullPolicy: Always for :latest (or no tag), else IfNotPresent. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  return parseImageRef(image).tag === 'latest' ? 'Always' : 'IfNotPresent';
}
