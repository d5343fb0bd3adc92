// Finding the `sayso` binary to start. Pure logic: the file system is reached only through the
// `isExecutable` callback, so the order of places is unit-tested without VS Code.
import * as path from 'path';

export type ServerSource = 'setting' | 'bundled' | 'path' | 'system';

export interface ServerCandidate {
  path: string;
  source: ServerSource;
}

export interface ServerPathInputs {
  /** The `sayso.server.path` setting ('' when unset). */
  configuredPath: string;
  /** The extension's install folder (its bundled binary lives in `bin/`). */
  extensionPath: string;
  /** The PATH environment variable. */
  envPath: string;
  /** 'win32', 'linux', ... (process.platform). */
  platform: string;
  /** Expands a leading `~` and `${workspaceFolder}` in the configured path. */
  homeDir: string;
  workspaceFolder?: string;
}

export type ServerPathResult =
  | { found: true; path: string; source: ServerSource; tried: string[] }
  | { found: false; tried: string[]; configuredPathMissing: boolean };

// Where the Debian package (and `make install`) put the binary; checked even when PATH is
// minimal, as it is for editors started from a desktop launcher.
export const SYSTEM_LOCATIONS = ['/usr/bin/sayso', '/usr/local/bin/sayso'];

export function expandUserPath(value: string, homeDir: string, workspaceFolder?: string): string {
  let result = value.trim();
  if (workspaceFolder !== undefined) {
    result = result.split('${workspaceFolder}').join(workspaceFolder);
  }
  if (result === '~') return homeDir;
  if (result.startsWith('~/') || result.startsWith('~\\')) {
    result = path.join(homeDir, result.slice(2));
  }
  return result;
}

function executableName(platform: string): string {
  return platform === 'win32' ? 'sayso.exe' : 'sayso';
}

/** Every place to look, in order: the setting, the bundled binary, PATH, the system folders. */
export function serverCandidates(inputs: ServerPathInputs): ServerCandidate[] {
  const pathApi = inputs.platform === 'win32' ? path.win32 : path.posix;
  const name = executableName(inputs.platform);
  const candidates: ServerCandidate[] = [];
  const configured = expandUserPath(inputs.configuredPath, inputs.homeDir, inputs.workspaceFolder);
  if (configured !== '') {
    const absolute = pathApi.isAbsolute(configured) || inputs.workspaceFolder === undefined
      ? configured
      : pathApi.resolve(inputs.workspaceFolder, configured);
    candidates.push({ path: absolute, source: 'setting' });
    // An explicit setting is the user's choice: never silently start a different binary.
    return candidates;
  }
  candidates.push({ path: pathApi.join(inputs.extensionPath, 'bin', name), source: 'bundled' });
  const separator = inputs.platform === 'win32' ? ';' : ':';
  for (const dir of inputs.envPath.split(separator)) {
    if (dir.trim() === '') continue;
    candidates.push({ path: pathApi.join(dir, name), source: 'path' });
  }
  if (inputs.platform !== 'win32') {
    for (const location of SYSTEM_LOCATIONS) candidates.push({ path: location, source: 'system' });
  }
  // The same file reached twice (e.g. /usr/bin on PATH and as a system location) is tried once.
  const seen = new Set<string>();
  return candidates.filter((c) => (seen.has(c.path) ? false : (seen.add(c.path), true)));
}

export function resolveServerPath(
  inputs: ServerPathInputs,
  isExecutable: (file: string) => boolean,
): ServerPathResult {
  const tried: string[] = [];
  for (const candidate of serverCandidates(inputs)) {
    tried.push(candidate.path);
    if (isExecutable(candidate.path)) {
      return { found: true, path: candidate.path, source: candidate.source, tried };
    }
  }
  return { found: false, tried, configuredPathMissing: inputs.configuredPath.trim() !== '' };
}

/** The message shown when no server can be started. */
export function serverNotFoundMessage(result: ServerPathResult & { found: false }): string {
  if (result.configuredPathMissing) {
    return `sayso: the language server set in "sayso.server.path" (${result.tried[0]}) ` +
      'does not exist or is not executable. Fix the setting, or clear it to search PATH.';
  }
  return 'sayso: cannot find the sayso language server. Install the sayso package ' +
    '(it provides /usr/bin/sayso), put sayso on PATH, or set "sayso.server.path" to the binary.';
}
