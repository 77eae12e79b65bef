#!/usr/bin/env node
// lint.mjs checks every queries/*.cypher file with Neo4j's own Cypher front
// end (npm @neo4j-cypher/language-support) against the kg graph schema, and
// prints file:line:col: severity: message for each problem.
//
// Usage: node tools/cypherlint/lint.mjs [queries-dir] [more .cypher files]
//
// Exit status: 0 when clean, 1 when any query has a problem, 2 on usage errors.
// Parameters are never declared to the linter (their values come at run time),
// so its "Parameter $x is not defined." errors are dropped. Warnings count as
// problems too: with the schema below they mean a misspelled label, type or
// property, or a deprecated construct.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  isNotParamError,
  lintCypherQuery,
  parseStatementsStrs,
} from '@neo4j-cypher/language-support';

import { schema } from './schema.mjs';

function cypherFiles(args) {
  const files = [];
  for (const arg of args) {
    if (statSync(arg).isDirectory()) {
      for (const name of readdirSync(arg).sort()) {
        if (name.endsWith('.cypher')) files.push(join(arg, name));
      }
    } else {
      files.push(arg);
    }
  }
  return files;
}

const severityName = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

function lintFile(file) {
  const text = readFileSync(file, 'utf8');
  if (text.trim() === '') {
    return [`${file}:1:1: error: empty query file`];
  }
  const statements = parseStatementsStrs(text);
  if (statements.length !== 1) {
    // The Go driver runs one statement per query; Browser would run them all.
    return [`${file}:1:1: error: ${statements.length} statements, want exactly one`];
  }
  const { diagnostics, symbolTables } = lintCypherQuery(text, schema, {
    consoleCommandsEnabled: false,
  });
  const problems = diagnostics.filter(isNotParamError).map((d) => {
    const line = d.range.start.line + 1;
    const col = d.range.start.character + 1;
    const severity = severityName[d.severity] ?? 'error';
    return `${file}:${line}:${col}: ${severity}: ${d.message.replace(/\s+/g, ' ').trim()}`;
  });
  // The library swallows exceptions from its semantic analysis and then
  // reports nothing; a query that binds variables yet has no symbols was
  // not really checked.
  const bindsVariables = /\b(MATCH|WITH|UNWIND|YIELD)\b/i.test(text);
  if (problems.length === 0 && bindsVariables && symbolTables.every((t) => t.length === 0)) {
    problems.push(`${file}:1:1: error: semantic analysis did not run (no symbols found)`);
  }
  return problems;
}

function main(argv) {
  const args = argv.length > 0 ? argv : ['queries'];
  let files;
  try {
    files = cypherFiles(args);
  } catch (err) {
    console.error(`cypherlint: ${err.message}`);
    return 2;
  }
  if (files.length === 0) {
    console.error(`cypherlint: no .cypher files in ${args.join(' ')}`);
    return 2;
  }
  let problems = 0;
  for (const file of files) {
    const found = lintFile(file);
    problems += found.length;
    for (const line of found) console.log(line);
  }
  const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
  console.log(`cypherlint: ${plural(files.length, 'file')}, ${plural(problems, 'problem')}`);
  return problems > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
