#!/usr/bin/env node
// explain.mjs asks a running Neo4j to EXPLAIN every queries/*.cypher file with
// the default values its header declares, so that the server itself confirms
// each query compiles (syntax, semantics, procedures, edition). Nothing runs:
// EXPLAIN only plans. It uses the HTTP API, so it needs no driver.
//
// Usage: node tools/cypherlint/explain.mjs [queries-dir]
// Environment: NEO4J_HTTP (default http://127.0.0.1:7474), NEO4J_DATABASE
// (neo4j), NEO4J_USER (neo4j), NEO4J_PASSWORD (kgpassword, the local dev one).
// Server notifications are printed too; a deprecation counts as a failure.
// Warnings about labels, types and properties the graph does not hold yet are
// skipped: an empty database raises them for every query.
// Exit status: 0 when every query plans, 1 otherwise, 2 when the server is
// unreachable.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const base = process.env.NEO4J_HTTP ?? 'http://127.0.0.1:7474';
const database = process.env.NEO4J_DATABASE ?? 'neo4j';
const auth = Buffer.from(
  `${process.env.NEO4J_USER ?? 'neo4j'}:${process.env.NEO4J_PASSWORD ?? 'kgpassword'}`,
).toString('base64');

// defaults reads the `// param: name type default — description` header lines
// the same way queries.go does, and returns the typed default values.
function defaults(text) {
  const params = {};
  for (const line of text.split('\n')) {
    const m = /^\s*\/\/\s*param:\s*(\S+)\s+(\S+)\s+("(?:[^"\\]|\\.)*"|\S+)/.exec(line);
    if (!m) continue;
    const [, name, type, rawDefault] = m;
    const raw = rawDefault.startsWith('"') ? JSON.parse(rawDefault) : rawDefault;
    params[name] = convert(type, raw);
  }
  return params;
}

function convert(type, raw) {
  switch (type) {
    case 'int':
    case 'float':
      return Number(raw);
    case 'bool':
      return ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(raw.trim());
    case 'list': {
      const t = raw.trim();
      if (t === '') return [];
      if (t.startsWith('[')) return JSON.parse(t);
      return t.split(',').map((s) => s.trim());
    }
    default:
      return raw;
  }
}

async function explain(statement, parameters) {
  const res = await fetch(`${base}/db/${database}/tx/commit`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      Authorization: `Basic ${auth}`,
    },
    body: JSON.stringify({ statements: [{ statement: `EXPLAIN ${statement}`, parameters }] }),
  });
  if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);
  const body = await res.json();
  const notifications = (body.notifications ?? []).filter(
    (n) => !/\.Unknown(Label|PropertyKey|RelationshipType)Warning$/.test(n.code),
  );
  return { errors: body.errors ?? [], notifications };
}

const oneLine = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

async function main(argv) {
  const dir = argv[0] ?? 'queries';
  const files = readdirSync(dir).filter((f) => f.endsWith('.cypher')).sort();
  let failed = 0;
  for (const name of files) {
    const file = join(dir, name);
    const text = readFileSync(file, 'utf8');
    let result;
    try {
      result = await explain(text, defaults(text));
    } catch (err) {
      console.error(`explain: ${base}: ${err.cause?.message ?? err.message}`);
      return 2;
    }
    const { errors, notifications } = result;
    const deprecated = notifications.filter((n) => /Deprecat/.test(n.code));
    if (errors.length === 0 && deprecated.length === 0) {
      console.log(`ok   ${file}`);
    } else {
      failed++;
      for (const e of errors) console.log(`FAIL ${file}: ${e.code}: ${oneLine(e.message)}`);
    }
    for (const n of notifications) {
      // Positions count the "EXPLAIN " prefix on the first line.
      const p = n.position;
      const where = p ? `:${p.line}:${p.line === 1 ? p.column - 8 : p.column}` : '';
      console.log(`     ${file}${where}: ${n.code}: ${oneLine(n.description)}`);
    }
  }
  console.log(`explain: ${files.length - failed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
