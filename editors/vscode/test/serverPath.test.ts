import { strict as assert } from 'assert';
import { describe, it } from 'node:test';
import { expandUserPath, resolveServerPath, serverCandidates, serverNotFoundMessage, ServerPathInputs } from '../src/serverPath';

const base: ServerPathInputs = {
  configuredPath: '',
  extensionPath: '/ext/sayso-0.1.0',
  envPath: '/home/r/bin:/usr/bin:/opt/tools/bin',
  platform: 'linux',
  homeDir: '/home/r',
  workspaceFolder: '/work/grant',
};

function existing(...files: string[]): (file: string) => boolean {
  return (file) => files.includes(file);
}

describe('server path resolution', () => {
  it('uses the setting when it points at a binary', () => {
    const result = resolveServerPath({ ...base, configuredPath: '/opt/sayso/bin/sayso' }, existing('/opt/sayso/bin/sayso', '/usr/bin/sayso'));
    assert.deepEqual(result, { found: true, path: '/opt/sayso/bin/sayso', source: 'setting', tried: ['/opt/sayso/bin/sayso'] });
  });

  it('does not fall back to another binary when the setting is wrong', () => {
    const result = resolveServerPath({ ...base, configuredPath: '/nowhere/sayso' }, existing('/usr/bin/sayso'));
    assert.equal(result.found, false);
    assert.ok(!result.found && result.configuredPathMissing);
    assert.match(serverNotFoundMessage(result as Extract<typeof result, { found: false }>), /sayso\.server\.path.*\/nowhere\/sayso/);
  });

  it('expands ~ and ${workspaceFolder} and resolves a relative setting against the workspace', () => {
    assert.equal(expandUserPath('~/bin/sayso', '/home/r'), '/home/r/bin/sayso');
    assert.equal(expandUserPath('${workspaceFolder}/build/sayso', '/home/r', '/work/grant'), '/work/grant/build/sayso');
    const candidates = serverCandidates({ ...base, configuredPath: 'build/sayso' });
    assert.deepEqual(candidates, [{ path: '/work/grant/build/sayso', source: 'setting' }]);
  });

  it('prefers the bundled binary, then PATH in order, then the system folders', () => {
    const order = serverCandidates(base).map((c) => `${c.source}:${c.path}`);
    assert.deepEqual(order, [
      'bundled:/ext/sayso-0.1.0/bin/sayso',
      'path:/home/r/bin/sayso',
      'path:/usr/bin/sayso',
      'path:/opt/tools/bin/sayso',
      'system:/usr/local/bin/sayso', // /usr/bin/sayso was already tried from PATH
    ]);
    const bundled = resolveServerPath(base, existing('/ext/sayso-0.1.0/bin/sayso', '/usr/bin/sayso'));
    assert.ok(bundled.found);
    assert.equal(bundled.found && bundled.source, 'bundled');
    const fromPath = resolveServerPath(base, existing('/opt/tools/bin/sayso', '/usr/local/bin/sayso'));
    assert.ok(fromPath.found);
    assert.equal(fromPath.found && fromPath.path, '/opt/tools/bin/sayso');
  });

  it('finds the Debian package binary even with an empty PATH', () => {
    const result = resolveServerPath({ ...base, envPath: '' }, existing('/usr/local/bin/sayso'));
    assert.ok(result.found);
    assert.equal(result.found && result.source, 'system');
    assert.deepEqual(result.tried, ['/ext/sayso-0.1.0/bin/sayso', '/usr/bin/sayso', '/usr/local/bin/sayso']);
  });

  it('says where to get the server when it is nowhere', () => {
    const result = resolveServerPath(base, existing());
    assert.equal(result.found, false);
    if (result.found) return;
    assert.equal(result.configuredPathMissing, false);
    assert.equal(result.tried.length, 5); // /usr/bin/sayso is on PATH: tried once
    assert.match(serverNotFoundMessage(result), /cannot find the sayso language server.*sayso\.server\.path/);
  });

  it('looks for sayso.exe on Windows, splitting PATH at semicolons', () => {
    const candidates = serverCandidates({ ...base, platform: 'win32', extensionPath: 'C:\\ext', envPath: 'C:\\tools;D:\\bin' });
    assert.deepEqual(candidates.map((c) => c.path), ['C:\\ext\\bin\\sayso.exe', 'C:\\tools\\sayso.exe', 'D:\\bin\\sayso.exe']);
  });
});
