#!/usr/bin/env node
// Lints Cypher files with Neo4j's own Cypher language support (@neo4j-cypher/language-support),
// the library behind Neo4j's editors. It runs offline: parser and semantic analysis are bundled.
//
//   node lint.mjs FILE...
//
// Prints one line per problem, `path:line:col: severity: message` (line and column count from 1,
// relative to the file), then `cypher-lint: N files, M problems`.
// Exit status: 0 when clean, 1 when any error, warning (deprecations included) or other
// diagnostic was found or no file was given, 2 on a usage error.
//
// Choices:
// - Cypher version: the project targets Neo4j 5 (neo4j:5-community, 5.26), so every file is linted as
//   Cypher 5: `defaultLanguage: 'CYPHER 5'` below. The library's own default is Cypher 5 as well, but
//   it is set explicitly so that an upgrade changing that default cannot switch the check to
//   Cypher 25 unnoticed. A `CYPHER 5` / `CYPHER 25` prefix in a file is reported as an error:
//   per-query version selection exists only from Neo4j 2025.06 on, and the prefix would also
//   make the linter check that statement in another language version.
// - No database schema: with no labels, relationship types, property keys, functions or procedures
//   given, the library does not report names it cannot know. Parameters are unknown too; the library
//   still reports each as "Parameter $x is not defined.", and those are dropped (isNotParamError).
// - Console commands (`:param`, `:use`, ...) are off: the files are sent to the server by the
//   driver, which does not understand them.
// - `//` header comments are kept: the parser skips comments, and keeping them keeps line numbers
//   equal to the file's. A file with no statement at all (empty, or comments only) is an error.
// - Several statements separated by `;` in one file (schema.cypher) are linted one by one by the
//   library; positions stay relative to the whole file.
// - The pinned release declares node >= 24 in its "engines"; it is used here on Node 20 (what the
//   machines have), where it runs: npm only warns about that, and lint-cypher hides the warning.
import { readFileSync } from 'node:fs';
import { isNotParamError, lintCypherQuery, parseStatementsStrs } from '@neo4j-cypher/language-support';

const DB_SCHEMA = Object.freeze({ defaultLanguage: 'CYPHER 5' });
const LINT_OPTIONS = Object.freeze({ consoleCommandsEnabled: false });

// LSP DiagnosticSeverity: 1 Error, 2 Warning, 3 Information, 4 Hint.
const SEVERITY_NAMES = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

const USAGE = 'usage: node lint.mjs FILE...   (lints Cypher files as Cypher 5 for Neo4j 5)';

// Whitespace and comments in front of a statement's first token.
const LEADING_TRIVIA = /^(?:\s+|\/\/[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/;
const VERSION_PREFIX = /^CYPHER\s+(\d+(?:\.\d+)?)(?![\w.])/i;

/** Line and column (both from 1) of a string offset. */
function position(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

/** Statements that select a Cypher version with a `CYPHER <n>` prefix. */
function versionPrefixProblems(text) {
  const problems = [];
  let cursor = 0;
  for (const statement of parseStatementsStrs(text)) {
    const start = text.indexOf(statement, cursor);
    if (start < 0) continue; // the library normalised the text; nothing reliable to point at
    cursor = start + statement.length;
    const trivia = statement.match(LEADING_TRIVIA)[0].length;
    const prefix = statement.slice(trivia).match(VERSION_PREFIX);
    if (prefix) {
      problems.push({
        ...position(text, start + trivia),
        severity: 'error',
        message:
          `\`CYPHER ${prefix[1]}\` selects a Cypher version, which only Neo4j 2025.06 and later accept; ` +
          'the target is Neo4j 5: leave the prefix out.',
      });
    }
  }
  return problems;
}

/** All problems of one file's text, sorted by position. */
function lintText(text) {
  if (text.trim() === '') {
    return [{ line: 1, column: 1, severity: 'error', message: 'The file holds no Cypher statement.' }];
  }
  const { diagnostics } = lintCypherQuery(text, DB_SCHEMA, LINT_OPTIONS);
  const problems = diagnostics.filter(isNotParamError).map((d) => ({
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    severity: SEVERITY_NAMES[d.severity] ?? 'error',
    message: d.message,
  }));
  problems.push(...versionPrefixProblems(text));
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

function main(args) {
  if (args.includes('-h') || args.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const files = args[0] === '--' ? args.slice(1) : args;
  const unknown = args[0] === '--' ? undefined : files.find((a) => a.startsWith('-'));
  if (unknown !== undefined) {
    console.error(`cypher-lint: unknown option ${unknown}\n${USAGE}`);
    return 2;
  }
  if (files.length === 0) {
    console.error(`cypher-lint: no files given: nothing was checked\n${USAGE}`);
    console.log('cypher-lint: 0 files, 0 problems');
    return 1;
  }

  let problemCount = 0;
  for (const file of files) {
    let problems;
    try {
      const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      problems = lintText(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      problems = [{ line: 1, column: 1, severity: 'error', message: `cannot lint the file: ${reason}` }];
    }
    for (const p of problems) {
      const message = p.message.replace(/\s*\n\s*/g, ' ');
      console.log(`${file}:${p.line}:${p.column}: ${p.severity}: ${message}`);
    }
    problemCount += problems.length;
  }
  console.log(`cypher-lint: ${files.length} files, ${problemCount} problems`);
  return problemCount > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
