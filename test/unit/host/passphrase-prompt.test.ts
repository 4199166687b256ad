import { describe, expect, it, vi } from 'vitest';
import { passphrasePage, promptPassphrase, type CreatePromptWindow, type PromptWindow } from '../../../electron/host/passphrase-prompt.js';

const SUBMIT = 'https://launchdesk.invalid/passphrase';

/** A stand-in for the prompt's BrowserWindow: records pages loaded, lets the test submit the form or close. */
function fakeWindow() {
  const listeners = new Map<string, (...args: never[]) => void>();
  const pages: string[] = [];
  let destroyed = false;
  const prevented: string[] = [];
  const window: PromptWindow = {
    webContents: {
      on: (event: string, listener: (...args: never[]) => void) => listeners.set(`contents:${event}`, listener),
      stop: vi.fn(),
    } as unknown as PromptWindow['webContents'],
    on: (event: string, listener: () => void) => listeners.set(event, listener),
    loadURL: async (url: string) => {
      pages.push(decodeURIComponent(url.slice('data:text/html;charset=utf-8,'.length)));
    },
    close: () => {
      if (destroyed) return;
      destroyed = true;
      (listeners.get('closed') as () => void)();
    },
    isDestroyed: () => destroyed,
  };
  const options: unknown[] = [];
  const create: CreatePromptWindow = (o) => {
    options.push(o);
    return window;
  };
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return {
    create,
    options,
    pages,
    prevented,
    get destroyed() {
      return destroyed;
    },
    /** The trader presses a button of the form with these fields. */
    async submit(fields: Record<string, string>) {
      await this.navigate(`${SUBMIT}?${new URLSearchParams(fields).toString()}`);
    },
    /** The page starts a navigation to `url` (a link, a form). */
    async navigate(url: string) {
      const listener = listeners.get('contents:will-navigate') as (event: { preventDefault(): void; url: string }, url: string) => void;
      listener({ preventDefault: () => prevented.push(url), url }, url);
      await settle();
    },
    closeByHand() {
      window.close();
    },
  };
}

describe('passphrasePage', () => {
  it('is a form with no script, a CSP that allows only the submission target, and the message as text', () => {
    const page = passphrasePage({ title: 'Unlock <b>', message: 'wallet <script>alert(1)</script> & "x"' }, 'Wrong <i>');
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain("default-src 'none'");
    expect(page).toContain(`form-action ${SUBMIT}`);
    expect(page).toContain('wallet &#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;x&#34;');
    expect(page).toContain('<p role="alert">Wrong &#60;i&#62;</p>');
    expect(page).toContain('type="password" name="passphrase"');
    expect(page).not.toContain('name="again"');
    expect(passphrasePage({ title: 't', message: 'm', create: { minLength: 10 } })).toContain('name="again"');
    // A text to type that is not a secret (the live start's public key) is shown as typed.
    const typed = passphrasePage({ title: 't', message: 'm', typed: { label: 'Public <key>', submit: 'Trade live' } });
    expect(typed).toContain('<input type="text" name="passphrase"');
    expect(typed).toContain('Public &#60;key&#62;');
    expect(typed).toContain('>Trade live</button>');
    expect(typed).not.toContain('type="password"');
  });
});

describe('promptPassphrase', () => {
  it('opens a sandboxed window without JavaScript, modal on the parent, and resolves with what was typed', async () => {
    const fake = fakeWindow();
    const parent = { id: 1 } as unknown as Parameters<typeof promptPassphrase>[1];
    const answer = promptPassphrase(fake.create, parent, { title: 'Unlock', message: 'm' });
    await fake.submit({ passphrase: 'pass word', action: 'ok' });
    await expect(answer).resolves.toBe('pass word');
    expect(fake.options[0]).toMatchObject({ parent, modal: true, webPreferences: { sandbox: true, javascript: false, nodeIntegration: false, contextIsolation: true } });
    expect(fake.prevented).toHaveLength(1);
    expect(fake.destroyed).toBe(true);
  });

  it('resolves null on Cancel, and on closing the window', async () => {
    const a = fakeWindow();
    const canceled = promptPassphrase(a.create, undefined, { title: 't', message: 'm' });
    await a.submit({ passphrase: '', action: 'cancel' });
    await expect(canceled).resolves.toBeNull();
    const b = fakeWindow();
    const closed = promptPassphrase(b.create, undefined, { title: 't', message: 'm' });
    b.closeByHand();
    await expect(closed).resolves.toBeNull();
  });

  it('a new passphrase: too short or typed differently asks again with the reason', async () => {
    const fake = fakeWindow();
    const answer = promptPassphrase(fake.create, undefined, { title: 't', message: 'm', create: { minLength: 10 } });
    await fake.submit({ passphrase: 'short', again: 'short', action: 'ok' });
    expect(fake.pages.at(-1)).toContain('Use at least 10 characters.');
    await fake.submit({ passphrase: 'long enough one', again: 'long enough two', action: 'ok' });
    expect(fake.pages.at(-1)).toContain('The two passphrases differ.');
    await fake.submit({ passphrase: 'long enough one', again: 'long enough one', action: 'ok' });
    await expect(answer).resolves.toBe('long enough one');
    expect(fake.pages).toHaveLength(3);
  });

  it('asks again while the check refuses, and resolves once it accepts', async () => {
    const fake = fakeWindow();
    const check = vi.fn(async (p: string) => (p === 'right one' ? null : 'Wrong passphrase.'));
    const answer = promptPassphrase(fake.create, undefined, { title: 't', message: 'm', check });
    await fake.submit({ passphrase: 'wrong one', action: 'ok' });
    expect(fake.pages.at(-1)).toContain('Wrong passphrase.');
    await fake.submit({ passphrase: '', action: 'ok' });
    expect(fake.pages.at(-1)).toContain('Type the passphrase.');
    await fake.submit({ passphrase: 'right one', action: 'ok' });
    await expect(answer).resolves.toBe('right one');
    expect(check.mock.calls.map((c) => c[0])).toEqual(['wrong one', 'right one']);
  });

  it('a check that throws closes the prompt and rejects with its error', async () => {
    const fake = fakeWindow();
    const answer = promptPassphrase(fake.create, undefined, {
      title: 't',
      message: 'm',
      check: async () => {
        throw new Error('the keychain is gone');
      },
    });
    const refused = expect(answer).rejects.toThrow('the keychain is gone');
    await fake.submit({ passphrase: 'x', action: 'ok' });
    await refused;
    expect(fake.destroyed).toBe(true);
  });

  it('prevents navigation anywhere else and reads nothing from it', async () => {
    const fake = fakeWindow();
    const check = vi.fn(async () => null);
    const answer = promptPassphrase(fake.create, undefined, { title: 't', message: 'm', check });
    await fake.navigate('https://example.com/passphrase?passphrase=stolen&action=ok');
    await fake.navigate('https://launchdesk.invalid/other?passphrase=x&action=ok');
    expect(fake.prevented).toHaveLength(2);
    expect(check).not.toHaveBeenCalled();
    expect(fake.pages).toHaveLength(1);
    fake.closeByHand();
    await expect(answer).resolves.toBeNull();
  });
});
