// The desktop's view of the lab's API server: published on 127.0.0.1 only.
export function desktopKubeconfig(lab: string, port: number): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- cluster:',
    `    server: http://127.0.0.1:${port}`,
    `  name: ${lab}`,
    'contexts:',
    '- context:',
    `    cluster: ${lab}`,
    '    user: kubernetes-admin',
    `  name: ${lab}`,
    `current-context: ${lab}`,
    'preferences: {}',
    'users:',
    '- name: kubernetes-admin',
    '  user: {}',
    '',
  ].join('\n');
}
