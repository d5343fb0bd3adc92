// Turning the extension's settings into the configuration the server reads (section "sayso").
// Pure logic: no `vscode` import, so it is unit-tested with Node's test runner.
import * as path from 'path';
import { expandUserPath } from './serverPath';

export const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type SeverityOverride = Severity | 'off';
// The server's own default (kDefaultMaxProblems in server/lsp/server.h).
export const DEFAULT_MAX_PROBLEMS = 1000;
export const LANGUAGES = ['en_GB', 'en_US'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The settings as VS Code gives them (any shape: users edit settings.json by hand). */
export interface RawSettings {
  profile?: unknown;
  rulePacks?: unknown;
  language?: unknown;
  severityOverrides?: unknown;
  inlayHints?: unknown;
  maxProblems?: unknown;
}

/**
 * What the server receives for section "sayso", in the server's own key names
 * (server/lsp/configuration.cpp): `packs` for sayso.rulePacks, `severity` for
 * sayso.severityOverrides.
 */
export interface ServerConfiguration {
  /** Funder profile name, or null for the .sayso.yml / default one. */
  profile: string | null;
  /** Extra rule pack folders, absolute. */
  packs: string[];
  language: Language;
  /** Rule id (or pack name) → new severity, or "off" to disable it. */
  severity: Record<string, SeverityOverride>;
  /** Section figures as inlay hints after each heading too (the code lens shows them anyway). */
  inlayHints: boolean;
  /** The most findings one document shows (0: no limit). */
  maxProblems: number;
}

export interface MappingContext {
  homeDir: string;
  /** The folder relative rule pack paths are resolved against (the document's workspace folder). */
  workspaceFolder?: string;
}

export interface MappingResult {
  configuration: ServerConfiguration;
  /** Plain-English descriptions of settings that were ignored, for a warning. */
  problems: string[];
}

// A rule id is `pack.name`; a bare pack name covers every rule in the pack (as in .sayso.yml).
const RULE_ID = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*$/;

export function isRuleId(value: string): boolean {
  return RULE_ID.test(value);
}

export interface OverrideValidation {
  overrides: Record<string, SeverityOverride>;
  problems: string[];
}

export function validateSeverityOverrides(raw: unknown): OverrideValidation {
  const overrides: Record<string, SeverityOverride> = {};
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { overrides, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push('"sayso.severityOverrides" must be an object of rule id → severity; ignored.');
    return { overrides, problems };
  }
  for (const [ruleId, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!isRuleId(ruleId)) {
      problems.push(`"sayso.severityOverrides": "${ruleId}" is not a rule id (like plain-english.utilise); ignored.`);
      continue;
    }
    const severity = typeof value === 'string' ? value.trim().toLowerCase() : value;
    if (severity === 'off' || (typeof severity === 'string' && (SEVERITIES as readonly string[]).includes(severity))) {
      overrides[ruleId] = severity as SeverityOverride;
    } else {
      problems.push(`"sayso.severityOverrides": "${ruleId}" has ${JSON.stringify(value)}; ` +
        'use error, warning, info, hint or off. Ignored.');
    }
  }
  return { overrides, problems };
}

export function toServerConfiguration(raw: RawSettings, context: MappingContext): MappingResult {
  const problems: string[] = [];

  let profile: string | null = null;
  if (typeof raw.profile === 'string' && raw.profile.trim() !== '') {
    profile = raw.profile.trim();
  } else if (raw.profile !== undefined && raw.profile !== null && raw.profile !== '') {
    problems.push('"sayso.profile" must be a profile name such as "nihr"; ignored.');
  }

  const rulePacks: string[] = [];
  if (Array.isArray(raw.rulePacks)) {
    for (const entry of raw.rulePacks) {
      if (typeof entry !== 'string' || entry.trim() === '') {
        problems.push(`"sayso.rulePacks": ${JSON.stringify(entry)} is not a folder path; ignored.`);
        continue;
      }
      const expanded = expandUserPath(entry, context.homeDir, context.workspaceFolder);
      const absolute = path.isAbsolute(expanded)
        ? path.normalize(expanded)
        : path.resolve(context.workspaceFolder ?? context.homeDir, expanded);
      if (!rulePacks.includes(absolute)) rulePacks.push(absolute);
    }
  } else if (raw.rulePacks !== undefined && raw.rulePacks !== null) {
    problems.push('"sayso.rulePacks" must be a list of folders; ignored.');
  }

  let language: Language = 'en_GB';
  if (typeof raw.language === 'string' && (LANGUAGES as readonly string[]).includes(raw.language)) {
    language = raw.language as Language;
  } else if (raw.language !== undefined && raw.language !== null) {
    problems.push(`"sayso.language" must be en_GB or en_US, not ${JSON.stringify(raw.language)}; using en_GB.`);
  }

  const overrides = validateSeverityOverrides(raw.severityOverrides);
  problems.push(...overrides.problems);

  let inlayHints = false;
  if (typeof raw.inlayHints === 'boolean') {
    inlayHints = raw.inlayHints;
  } else if (raw.inlayHints !== undefined && raw.inlayHints !== null) {
    problems.push(`"sayso.inlayHints" must be true or false, not ${JSON.stringify(raw.inlayHints)}; using false.`);
  }

  let maxProblems = DEFAULT_MAX_PROBLEMS;
  if (typeof raw.maxProblems === 'number' && Number.isInteger(raw.maxProblems) && raw.maxProblems >= 0) {
    maxProblems = raw.maxProblems;
  } else if (raw.maxProblems !== undefined && raw.maxProblems !== null) {
    problems.push(`"sayso.maxProblems" must be a whole number, 0 or more, not ${JSON.stringify(raw.maxProblems)}; ` +
      `using ${DEFAULT_MAX_PROBLEMS}.`);
  }

  return {
    configuration: { profile, packs: rulePacks, language, severity: overrides.overrides, inlayHints, maxProblems },
    problems,
  };
}
