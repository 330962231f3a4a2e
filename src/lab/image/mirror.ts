// Which Debian mirror debootstrap uses: the machine's own apt configuration
// decides (the repository never names one). Pure: takes the files' text.

export interface SourcesFile {
  path: string;
  text: string;
}

/** One-line `deb URI SUITE COMPONENTS` entries and deb822 `.sources` stanzas. */
export function debianMirror(files: SourcesFile[], suite = 'bookworm'): string | undefined {
  const candidates: string[] = [];
  for (const file of files) {
    if (file.path.endsWith('.sources')) {
      for (const stanza of file.text.split(/\n\s*\n/)) {
        const field = (name: string) => stanza.match(new RegExp(`^${name}:\\s*(.+)$`, 'mi'))?.[1]?.trim();
        const types = field('Types')?.split(/\s+/) ?? [];
        const suites = field('Suites')?.split(/\s+/) ?? [];
        if (field('Enabled') === 'no' || !types.includes('deb') || !suites.includes(suite)) continue;
        for (const uri of field('URIs')?.split(/\s+/) ?? []) candidates.push(uri);
      }
    } else {
      for (const raw of file.text.split('\n')) {
        const line = raw.replace(/#.*/, '').trim();
        const m = line.match(/^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)/);
        if (m && m[2] === suite) candidates.push(m[1]!);
      }
    }
  }
  // The main archive, not the security archive or a third party's.
  return candidates.find((uri) => /\/debian\/?$/.test(uri) && !/security/.test(uri));
}
