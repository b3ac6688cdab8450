import { createHash } from 'node:crypto';
import { MONSTER_SIZE } from '../monsters/monster-request.js';
import { escapeHtml } from './escape-html.js';

// The page's only style sheet, inline. Its hash is allowed by the Content-Security-Policy
// (see app/http/security.ts), so no other inline style, and no script at all, can run.
export const PAGE_STYLE = `
body { font: 16px/1.5 system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; color: #222; }
h1 { font-size: 1.6rem; margin-bottom: 1.5rem; }
form { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; }
input[type=text] { flex: 1; min-width: 10rem; padding: .4rem .5rem; font: inherit; }
button { padding: .4rem 1rem; font: inherit; cursor: pointer; }
.monster img { image-rendering: pixelated; border-radius: 8px; vertical-align: middle; margin-left: .5rem; }
.error { color: #a00; }
`;
export const PAGE_STYLE_HASH = `sha256-${createHash('sha256').update(PAGE_STYLE).digest('base64')}`;

/** The longest name the form accepts. */
export const MAX_NAME_LENGTH = 256;
export const DEFAULT_NAME = 'Joe Bloggs';

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<h1>Identidock</h1>
${body}
</body>
</html>
`;
}

function nameForm(name: string): string {
  return `<form method="POST" action="/">
  <label for="name">Hello</label>
  <input type="text" id="name" name="name" value="${escapeHtml(name)}" maxlength="${MAX_NAME_LENGTH}" required>
  <button type="submit">Submit</button>
</form>`;
}

/** The main page: the name form, and the monster that name looks like. */
export function monsterPage(name: string, hash: string): string {
  return layout(
    'Identidock',
    `${nameForm(name)}
<p class="monster">You look like a:
  <img src="/monster/${hash}" width="${MONSTER_SIZE.default}" height="${MONSTER_SIZE.default}" alt="The monster for ${escapeHtml(name)}">
</p>`,
  );
}

/** A page that says what went wrong, with the form to try again. */
export function errorPage(message: string, name = ''): string {
  return layout(
    'Identidock: error',
    `<p class="error" role="alert">${escapeHtml(message)}</p>
${nameForm(name)}`,
  );
}
