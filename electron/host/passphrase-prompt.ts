import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';

/**
 * A passphrase asked in a small window of its own, because Electron's dialogs have no text
 * field. The page has no script, no preload and no Node: a plain HTML form whose submission
 * is caught in the main process (`will-navigate`, always prevented) and read from its URL,
 * so the passphrase goes from the keyboard to the main process and to nothing else — not to
 * the console's renderer, not to a server (the form's target is never loaded).
 */

/** The window as this file uses it; Electron's BrowserWindow in the app, a fake in tests. */
export interface PromptWindow {
  readonly webContents: {
    on(event: 'will-navigate', listener: (event: { preventDefault(): void; url?: string }, url: string) => void): unknown;
    on(event: 'did-start-navigation', listener: (event: { url?: string }, url: string) => void): unknown;
    stop(): void;
  };
  on(event: 'closed', listener: () => void): unknown;
  loadURL(url: string): Promise<void>;
  close(): void;
  isDestroyed(): boolean;
}

export type CreatePromptWindow = (options: BrowserWindowConstructorOptions) => PromptWindow;

export interface PassphraseRequest {
  title: string;
  /** What is asked, e.g. which wallet; shown as text, never as markup. */
  message: string;
  /** A new passphrase: typed twice, at least `minLength` characters. */
  create?: { minLength: number };
  /** Checked in the main process; a string refuses with that reason and asks again. */
  check?: (passphrase: string) => Promise<string | null>;
  /**
   * Not a secret but a text the trader must type where it can be read (the live start's
   * confirmation: the wallet's public key): a visible field with this label and button.
   */
  typed?: { label: string; submit: string };
}

/** The form posts here; the URL is never loaded (every navigation of the prompt is prevented). */
const SUBMIT_URL = 'https://launchdesk.invalid/passphrase';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function passphrasePage(request: PassphraseRequest, error?: string): string {
  const second = request.create
    ? `<label>Type it again<input type="password" name="again" required minlength="${request.create.minLength}" autocomplete="new-password"></label>`
    : '';
  const minLength = request.create ? ` minlength="${request.create.minLength}"` : '';
  return `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; form-action ${SUBMIT_URL}">
<title>${escapeHtml(request.title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:20px;color:#ddd;background:#1e1e1e}label{display:block;margin:10px 0}input{display:block;width:100%;box-sizing:border-box;padding:6px;margin-top:4px}p[role=alert]{color:#f88}button{margin-top:12px;margin-right:8px;padding:6px 14px}</style>
</head><body>
<form method="get" action="${SUBMIT_URL}">
<p>${escapeHtml(request.message)}</p>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
${
    request.typed
      ? `<label>${escapeHtml(request.typed.label)}<input type="text" name="passphrase" required autofocus autocomplete="off" spellcheck="false"></label>`
      : `<label>Passphrase<input type="password" name="passphrase" required${minLength} autofocus autocomplete="${request.create ? 'new-password' : 'current-password'}"></label>`
  }
${second}
<button type="submit" name="action" value="ok">${request.typed ? escapeHtml(request.typed.submit) : request.create ? 'Keep the key under this passphrase' : 'Unlock'}</button>
<button type="submit" name="action" value="cancel" formnovalidate>Cancel</button>
</form></body></html>`;
}

/**
 * Shows the prompt and resolves with the passphrase, or null when the trader cancels or
 * closes the window. A new passphrase must be typed twice alike and be long enough; a
 * `check` that refuses (a wrong passphrase) shows its reason and asks again.
 */
export function promptPassphrase(create: CreatePromptWindow, parent: BrowserWindow | undefined, request: PassphraseRequest): Promise<string | null> {
  const window = create({
    width: 460,
    height: request.create ? 330 : 260,
    title: request.title,
    ...(parent ? { parent, modal: true } : {}),
    resizable: false,
    minimizable: false,
    maximizable: false,
    autoHideMenuBar: true,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true, spellcheck: false },
  });
  const show = (error?: string) => window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(passphrasePage(request, error))}`);

  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (value: string | null) => {
      if (settled) return;
      settled = true;
      resolve(value);
      if (!window.isDestroyed()) window.close();
    };
    window.on('closed', () => finish(null));
    window.webContents.on('will-navigate', (event, url) => {
      event.preventDefault();
      void submitted(event.url ?? url);
    });
    // Should a form submission ever start without `will-navigate` (older Electron missed it
    // for some forms), it is caught as it starts and stopped; its .invalid host never resolves.
    window.webContents.on('did-start-navigation', (event, url) => {
      if (!(event.url ?? url).startsWith(SUBMIT_URL)) return;
      window.webContents.stop();
      void submitted(event.url ?? url);
    });

    let busy = false;
    async function submitted(url: string): Promise<void> {
      let form: URL;
      try {
        form = new URL(url);
      } catch {
        return;
      }
      if (`${form.origin}${form.pathname}` !== SUBMIT_URL || settled || busy) return;
      busy = true;
      try {
        await answer(form);
      } finally {
        busy = false;
      }
    }

    async function answer(form: URL): Promise<void> {
      if (form.searchParams.get('action') === 'cancel') return finish(null);
      const passphrase = form.searchParams.get('passphrase') ?? '';
      let problem: string | null = null;
      if (request.create) {
        if ([...passphrase].length < request.create.minLength) problem = `Use at least ${request.create.minLength} characters.`;
        else if (form.searchParams.get('again') !== passphrase) problem = 'The two passphrases differ.';
      } else if (passphrase.length === 0) {
        problem = 'Type the passphrase.';
      }
      try {
        if (problem === null && request.check) problem = await request.check(passphrase);
      } catch (error) {
        settled = true;
        if (!window.isDestroyed()) window.close();
        reject(error);
        return;
      }
      if (problem === null) finish(passphrase);
      else if (!settled) await show(problem);
    }

    show().catch((error: unknown) => {
      settled = true;
      if (!window.isDestroyed()) window.close();
      reject(error);
    });
  });
}
