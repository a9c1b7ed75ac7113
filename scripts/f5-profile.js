'use strict';
// Prepares what F5 ("Run Extension against the sandbox", .vscode/launch.json)
// opens: a profile of its own whose user settings point at the sandbox
// Tracker on 127.0.0.1:8788, and the demo workspace (.demo/workspace). The
// sandbox's demo token comes from launch.json's env, taken by the extension
// only for a loopback base URL with nothing stored yet.

const fs = require('fs');
const path = require('path');
const { createDemoWorkspace } = require('./lib/workspace');

const root = path.resolve(__dirname, '..');
const userDir = path.join(root, '.vscode-test', 'f5-user', 'User');
fs.mkdirSync(userDir, { recursive: true });
const file = path.join(userDir, 'settings.json');
let settings = {};
try {
  settings = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch {
  // first run
}
Object.assign(settings, { 'tracker.baseUrl': 'http://127.0.0.1:8788', 'tracker.orgKind': 'yandex360', 'tracker.orgId': '7000001' });
fs.writeFileSync(file, JSON.stringify(settings, null, 2));
const ws = path.join(root, '.demo', 'workspace');
if (!fs.existsSync(path.join(ws, '.git'))) createDemoWorkspace(ws, { fresh: true });
console.log(`F5 profile: ${file}; workspace: ${ws}`);
