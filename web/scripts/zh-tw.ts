// Writes web/src/i18n/zh-TW.json from zh-CN.json through the one 繁體 conversion.
// Run after changing zh-CN.json: node --import tsx web/scripts/zh-tw.ts (a test says when it is stale).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { traditionalMessages } from '../src/app/a11y/traditional-messages.ts';

const dir = fileURLToPath(new URL('../src/i18n/', import.meta.url));
const cn = JSON.parse(readFileSync(dir + 'zh-CN.json', 'utf8'));
writeFileSync(dir + 'zh-TW.json', JSON.stringify(traditionalMessages(cn), null, 2) + '\n');
