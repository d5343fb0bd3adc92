// The VS Code side of sayso: starts `sayso lsp`, passes the settings on, shows each document's
// summary in the status bar, and adds the lint-workspace, explain-rule and rule-catalogue commands.
// The decisions (which binary, what the status says, which settings are valid) live in the
// vscode-free modules next to this file, where they are unit-tested.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { explanationText, ruleIdFromCode, ruleIdsForExplain } from './ruleIds';
import { resolveServerPath, ServerPathResult, serverNotFoundMessage } from './serverPath';
import { MappingResult, isRuleId, toServerConfiguration } from './settings';
import { countSeverities, DocumentSummary, formatStatus, parseDocumentSummary, SeverityCounts } from './statusText';

const SECTION = 'sayso';
const LANGUAGES = ['markdown', 'plaintext', 'latex'];
const DOCUMENT_SUMMARY_REQUEST = 'sayso/documentSummary';
const LINT_WORKSPACE = 'sayso.lintWorkspace';
const EXPLAIN_RULE = 'sayso.explainRule';
const OPEN_RULE_CATALOGUE = 'sayso.openRuleCatalogue';
const RESTART_SERVER = 'sayso.restartServer';
// Commands this extension registers itself. The server advertises the first two under the same
// names in executeCommandProvider; vscode-languageclient would register them too and fail with
// "command already exists", so its registration skips them (see keepOwnCommands).
const OWN_COMMANDS = new Set([LINT_WORKSPACE, EXPLAIN_RULE, OPEN_RULE_CATALOGUE, RESTART_SERVER]);
const METHOD_NOT_FOUND = -32601;

let client: LanguageClient | undefined;
let serverPath: string | undefined;
let output: vscode.OutputChannel;
let statusBar: vscode.StatusBarItem;
let statusTimer: NodeJS.Timeout | undefined;
let statusSequence = 0;
let summaryUnsupported = false;
const reportedProblems = new Set<string>();

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('sayso');
  statusBar = vscode.window.createStatusBarItem('sayso.summary', vscode.StatusBarAlignment.Right, 100);
  statusBar.name = 'sayso';
  statusBar.command = 'workbench.actions.view.problems';
  context.subscriptions.push(output, statusBar);

  context.subscriptions.push(
    vscode.commands.registerCommand(LINT_WORKSPACE, lintWorkspace),
    vscode.commands.registerCommand(EXPLAIN_RULE, explainRule),
    vscode.commands.registerCommand(OPEN_RULE_CATALOGUE, () => openRuleCatalogue(context)),
    vscode.commands.registerCommand(RESTART_SERVER, () => restartClient(context)),
    vscode.window.onDidChangeActiveTextEditor(() => scheduleStatusUpdate(0)),
    vscode.languages.onDidChangeDiagnostics((event) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && event.uris.some((uri) => uri.toString() === active)) scheduleStatusUpdate(150);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SECTION}.server.path`)) {
        void vscode.window
          .showInformationMessage('sayso: the server path changed. Restart the language server?', 'Restart')
          .then((choice) => (choice === 'Restart' ? restartClient(context) : undefined));
      }
    }),
    { dispose: () => statusTimer && clearTimeout(statusTimer) },
  );

  await startClient(context);
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}

function findServer(context: vscode.ExtensionContext): ServerPathResult {
  const settings = vscode.workspace.getConfiguration(SECTION);
  return resolveServerPath(
    {
      configuredPath: settings.get<string>('server.path', ''),
      extensionPath: context.extensionPath,
      envPath: process.env.PATH ?? '',
      platform: process.platform,
      homeDir: os.homedir(),
      workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    },
    (file) => {
      try {
        fs.accessSync(file, fs.constants.X_OK);
        return fs.statSync(file).isFile();
      } catch {
        return false;
      }
    },
  );
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const found = findServer(context);
  if (!found.found) {
    serverPath = undefined;
    output.appendLine(`Looked for the server in: ${found.tried.join(', ')}`);
    const choice = await vscode.window.showErrorMessage(serverNotFoundMessage(found), 'Open Settings');
    if (choice === 'Open Settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.server.path`);
    }
    return;
  }
  serverPath = found.path;
  output.appendLine(`Starting ${found.path} lsp (found: ${found.source})`);

  const serverOptions: ServerOptions = { command: found.path, args: ['lsp'] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    outputChannel: output,
    synchronize: {
      configurationSection: SECTION,
      fileEvents: vscode.workspace.createFileSystemWatcher('**/.sayso.yml'),
    },
    middleware: {
      workspace: {
        // The server asks for section "sayso" per document folder: answer with the checked form.
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) return answers;
          return params.items.map((item, index) =>
            item.section === SECTION ? serverConfiguration(item.scopeUri) : answers[index],
          );
        },
        // Settings changed: send the checked form (the server may also pull it again).
        didChangeConfiguration: async () => {
          await client?.sendNotification(DidChangeConfigurationNotification.type, {
            settings: { [SECTION]: serverConfiguration(undefined) },
          });
          scheduleStatusUpdate(300);
        },
      },
    },
  };

  const newClient = new LanguageClient(SECTION, 'sayso', serverOptions, clientOptions);
  keepOwnCommands(newClient);
  newClient.onDidChangeState((event) => {
    if (event.newState === State.Running) scheduleStatusUpdate(0);
    if (event.newState === State.Stopped) statusBar.hide();
  });
  client = newClient;
  summaryUnsupported = false;
  try {
    await newClient.start();
  } catch (error) {
    void vscode.window.showErrorMessage(`sayso: the language server (${found.path}) failed to start: ${message(error)}`);
  }
}

async function restartClient(context: vscode.ExtensionContext): Promise<void> {
  const old = client;
  client = undefined;
  if (old) await old.stop().catch((error) => output.appendLine(`Stopping the server: ${message(error)}`));
  await startClient(context);
}

// See OWN_COMMANDS: server commands this extension already provides are not registered again.
function keepOwnCommands(languageClient: LanguageClient): void {
  type CommandRegistration = { id: string; registerOptions: { commands?: string[] } };
  const feature = (languageClient as unknown as {
    getFeature(method: string): { register(data: CommandRegistration): void } | undefined;
  }).getFeature(ExecuteCommandRequest.method);
  if (!feature) return;
  const register = feature.register.bind(feature);
  feature.register = (data) => {
    const commands = (data.registerOptions.commands ?? []).filter((command) => !OWN_COMMANDS.has(command));
    register({ ...data, registerOptions: { ...data.registerOptions, commands } });
  };
}

function serverConfiguration(scopeUri: string | undefined): MappingResult['configuration'] {
  const scope = scopeUri ? vscode.Uri.parse(scopeUri) : vscode.window.activeTextEditor?.document.uri;
  const folder = (scope && vscode.workspace.getWorkspaceFolder(scope)) ?? vscode.workspace.workspaceFolders?.[0];
  const settings = vscode.workspace.getConfiguration(SECTION, scope);
  const result = toServerConfiguration(
    {
      profile: settings.get('profile'),
      rulePacks: settings.get('rulePacks'),
      language: settings.get('language'),
      severityOverrides: settings.get('severityOverrides'),
      inlayHints: settings.get('inlayHints'),
      maxProblems: settings.get('maxProblems'),
    },
    { homeDir: os.homedir(), workspaceFolder: folder?.uri.fsPath },
  );
  // Each problem is shown once, not on every request for configuration.
  const fresh = result.problems.filter((problem) => !reportedProblems.has(problem));
  for (const problem of fresh) {
    reportedProblems.add(problem);
    output.appendLine(problem);
  }
  if (fresh.length > 0) void vscode.window.showWarningMessage(`sayso: ${fresh.join(' ')}`);
  return result.configuration;
}

function isLintedDocument(document: vscode.TextDocument): boolean {
  return LANGUAGES.includes(document.languageId) && (document.uri.scheme === 'file' || document.uri.scheme === 'untitled');
}

function scheduleStatusUpdate(delayMs: number): void {
  if (statusTimer) clearTimeout(statusTimer);
  statusTimer = setTimeout(() => void updateStatus(), delayMs);
}

function saysoCounts(uri: vscode.Uri): SeverityCounts {
  const names: (keyof SeverityCounts)[] = ['error', 'warning', 'info', 'hint'];
  return countSeverities(
    vscode.languages
      .getDiagnostics(uri)
      .filter((d) => d.source === 'sayso')
      .map((d) => names[d.severity] ?? 'info'),
  );
}

async function updateStatus(): Promise<void> {
  const sequence = ++statusSequence;
  const document = vscode.window.activeTextEditor?.document;
  if (!client || !client.isRunning() || !document || !isLintedDocument(document)) {
    statusBar.hide();
    return;
  }
  let summary: DocumentSummary | null = null;
  if (!summaryUnsupported) {
    try {
      const answer = await client.sendRequest(DOCUMENT_SUMMARY_REQUEST, {
        textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) },
      });
      summary = parseDocumentSummary(answer);
    } catch (error) {
      // An older server without the request: fall back to counting findings from now on.
      if ((error as { code?: number }).code === METHOD_NOT_FOUND) summaryUnsupported = true;
      else output.appendLine(`${DOCUMENT_SUMMARY_REQUEST} failed: ${message(error)}`);
    }
  }
  if (sequence !== statusSequence) return; // a newer update is on its way
  const view = formatStatus(summary ?? { sections: [], counts: saysoCounts(document.uri) });
  statusBar.text = view.text;
  statusBar.tooltip = new vscode.MarkdownString(view.tooltip);
  statusBar.backgroundColor =
    view.level === 'error'
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : view.level === 'warning'
        ? new vscode.ThemeColor('statusBarItem.warningBackground')
        : undefined;
  statusBar.show();
}

function runningClient(): LanguageClient | undefined {
  if (client && client.isRunning()) return client;
  void vscode.window.showErrorMessage('sayso: the language server is not running. See the "sayso" output.');
  return undefined;
}

async function lintWorkspace(): Promise<void> {
  const languageClient = runningClient();
  if (!languageClient) return;
  try {
    // The server reports progress itself (window/workDoneProgress) and publishes the findings.
    await languageClient.sendRequest(ExecuteCommandRequest.type, { command: LINT_WORKSPACE, arguments: [] });
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  } catch (error) {
    void vscode.window.showErrorMessage(`sayso: linting the workspace failed: ${message(error)}`);
  }
}

async function chooseRuleId(): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  const findings = editor
    ? vscode.languages
        .getDiagnostics(editor.document.uri)
        .filter((d) => d.source === 'sayso')
        .map((d) => ({ ruleId: ruleIdFromCode(d.code), start: d.range.start, end: d.range.end }))
    : [];
  const { atCursor, others } = ruleIdsForExplain(findings, editor?.selection.active ?? { line: -1, character: -1 });
  if (atCursor.length === 1) return atCursor[0];

  const typeOne = 'Type a rule id…';
  if (atCursor.length > 0 || others.length > 0) {
    const items: vscode.QuickPickItem[] = [
      ...atCursor.map((id) => ({ label: id, description: 'at the cursor' })),
      ...(atCursor.length > 0 && others.length > 0 ? [{ label: '', kind: vscode.QuickPickItemKind.Separator }] : []),
      ...others.map((id) => ({ label: id, description: 'in this document' })),
      { label: typeOne },
    ];
    const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Which rule should sayso explain?' });
    if (!picked) return undefined;
    if (picked.label !== typeOne) return picked.label;
  }
  const typed = await vscode.window.showInputBox({
    prompt: 'Rule id to explain',
    placeHolder: 'plain-english.utilise',
    validateInput: (value) => (isRuleId(value.trim()) ? undefined : 'A rule id looks like pack.name, e.g. involvement.vague-plans'),
  });
  return typed?.trim() || undefined;
}

// `ruleId` is given when the command is run from a link or a code action.
async function explainRule(ruleId?: unknown): Promise<void> {
  const languageClient = runningClient();
  if (!languageClient) return;
  const id = typeof ruleId === 'string' && ruleId !== '' ? ruleId : await chooseRuleId();
  if (!id) return;
  try {
    // {show: false}: this extension shows the answer itself, so the server shows nothing more.
    const result = await languageClient.sendRequest(ExecuteCommandRequest.type, {
      command: EXPLAIN_RULE,
      arguments: [id, { show: false }],
    });
    const text = explanationText(result);
    if (!text) {
      void vscode.window.showWarningMessage(`sayso: no explanation for ${id}.`);
      return;
    }
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  } catch (error) {
    void vscode.window.showErrorMessage(`sayso: cannot explain ${id}: ${message(error)}`);
  }
}

async function openRuleCatalogue(context: vscode.ExtensionContext): Promise<void> {
  // docs/rules.md of the sayso source tree when it is open, else the copy shipped in the extension.
  const places = [
    ...(vscode.workspace.workspaceFolders ?? []).map((folder) => path.join(folder.uri.fsPath, 'docs', 'rules.md')),
    path.join(context.extensionPath, 'docs', 'rules.md'),
  ];
  const catalogue = places.find((file) => fs.existsSync(file));
  if (catalogue) {
    await vscode.window.showTextDocument(vscode.Uri.file(catalogue), { preview: true });
    return;
  }
  let binary = serverPath;
  if (!binary) {
    const found = findServer(context);
    if (found.found) binary = found.path;
  }
  if (!binary) {
    void vscode.window.showErrorMessage('sayso: no rule catalogue (docs/rules.md) and no sayso binary to list the rules.');
    return;
  }
  execFile(binary, ['rules', 'list'], { timeout: 20000, maxBuffer: 8 << 20 }, (error, stdout, stderr) => {
    if (error) {
      void vscode.window.showErrorMessage(`sayso: "sayso rules list" failed: ${stderr.trim() || error.message}`);
      return;
    }
    void vscode.workspace
      .openTextDocument({ language: 'plaintext', content: stdout })
      .then((document) => vscode.window.showTextDocument(document, { preview: true }));
  });
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
