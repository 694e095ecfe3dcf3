import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { validateBaseUrl } from '../../llm/base-url';
import { useWorkbench } from '../../state/use-workbench';

/** Reads and clears a secret field: the value lives in the DOM only until it is handed on. */
function takeValue(ref: RefObject<HTMLInputElement | null>): string {
  const input = ref.current;
  if (!input) return '';
  const value = input.value;
  input.value = '';
  return value;
}

function useAction(): {
  busy: boolean;
  message: { kind: 'ok' | 'error'; text: string } | null;
  run: (work: () => Promise<string>) => void;
} {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  return {
    busy,
    message,
    run(work) {
      setBusy(true);
      setMessage(null);
      work()
        .then((text) => setMessage({ kind: 'ok', text }))
        .catch((e: unknown) => setMessage({ kind: 'error', text: e instanceof Error ? e.message : String(e) }))
        .finally(() => setBusy(false));
    },
  };
}

function Message({ message }: { message: { kind: 'ok' | 'error'; text: string } | null }) {
  if (!message || message.text === '') return null;
  return (
    <p
      className={message.kind === 'error' ? 'error-text' : undefined}
      role={message.kind === 'error' ? 'alert' : 'status'}
    >
      {message.text}
    </p>
  );
}

/** The key: entered per session by default, optionally remembered encrypted, always forgettable. */
function KeyPanel() {
  const uid = useId();
  const status = useWorkbench((s) => s.openAiKey);
  const setKey = useWorkbench((s) => s.setApiKey);
  const remember = useWorkbench((s) => s.rememberApiKey);
  const unlock = useWorkbench((s) => s.unlockApiKey);
  const forget = useWorkbench((s) => s.forgetApiKey);
  const keyRef = useRef<HTMLInputElement>(null);
  const passRef = useRef<HTMLInputElement>(null);
  const unlockRef = useRef<HTMLInputElement>(null);
  const action = useAction();

  const submitKey = (e: FormEvent): void => {
    e.preventDefault();
    const key = takeValue(keyRef);
    action.run(async () => {
      await setKey(key);
      return 'Key set for this session. It stays in the homes worker’s memory and is gone after a reload.';
    });
  };
  const rememberKey = (e: FormEvent): void => {
    e.preventDefault();
    const passphrase = takeValue(passRef);
    action.run(async () => {
      await remember(passphrase);
      return 'Key remembered on this device, encrypted under your passphrase.';
    });
  };
  const unlockKey = (e: FormEvent): void => {
    e.preventDefault();
    const passphrase = takeValue(unlockRef);
    action.run(async () => {
      await unlock(passphrase);
      return 'Remembered key unlocked for this session.';
    });
  };

  const where = status.inMemory
    ? `In memory for this session${status.remembered ? ', and remembered (encrypted) on this device' : ''}.`
    : status.remembered
      ? 'Remembered on this device, locked: enter your passphrase to use it.'
      : 'No key set.';
  return (
    <>
      <p role="status">
        <strong>Key:</strong> {where}
      </p>
      <form className="form-grid" onSubmit={submitKey} aria-label="Set the API key">
        <div className="field span-all">
          <label htmlFor={`${uid}-key`}>API key</label>
          <input
            id={`${uid}-key`}
            ref={keyRef}
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder="sk-…"
          />
          <small className="muted">
            Sent only to the base URL below, in the Authorization header. Best: a dedicated OpenAI project with a
            monthly spend limit and a restricted key (Model capabilities: Write, Models: Read, everything else: None);
            revoke it when done.
          </small>
        </div>
        <div className="actions span-all">
          <button type="submit" disabled={action.busy}>
            Use this key
          </button>
        </div>
      </form>
      {status.remembered && !status.inMemory ? (
        <form className="form-grid" onSubmit={unlockKey} aria-label="Unlock the remembered key">
          <div className="field span-all">
            <label htmlFor={`${uid}-unlock`}>Passphrase to unlock</label>
            <input id={`${uid}-unlock`} ref={unlockRef} type="password" autoComplete="off" />
          </div>
          <div className="actions span-all">
            <button type="submit" disabled={action.busy}>
              Unlock
            </button>
          </div>
        </form>
      ) : null}
      <details>
        <summary>Remember on this device (encrypted)</summary>
        <p className="muted">
          By default the key lives only in memory and a reload forgets it. To keep it, it is encrypted with a key
          derived from your passphrase (PBKDF2-SHA-256, 600,000 iterations, AES-GCM) and only the ciphertext is stored
          in this browser. Trade-off: this protects the key at rest (a copied profile, a shared computer), not from
          malicious script running in this page while it is unlocked, and a weak passphrase can be guessed offline. Use
          a spend-limited, restricted key.
        </p>
        <form className="form-grid" onSubmit={rememberKey} aria-label="Remember the key">
          <div className="field span-all">
            <label htmlFor={`${uid}-pass`}>Passphrase</label>
            <input id={`${uid}-pass`} ref={passRef} type="password" autoComplete="new-password" minLength={8} />
            <small className="muted">
              At least 8 characters; it is not stored anywhere, and a forgotten passphrase means entering the key again.
            </small>
          </div>
          <div className="actions span-all">
            <button type="submit" disabled={action.busy || !status.inMemory}>
              Remember on this device
            </button>
          </div>
        </form>
      </details>
      <div className="actions">
        <button
          type="button"
          className="danger"
          disabled={action.busy || (!status.inMemory && !status.remembered)}
          onClick={() =>
            action.run(async () => {
              await forget();
              return 'Key forgotten: removed from memory and from this device.';
            })
          }
        >
          Forget key
        </button>
      </div>
      <Message message={action.message} />
    </>
  );
}

/** Base URL, model and request budget (not secret, stored as ordinary settings), and "Test key". */
function ConnectionPanel() {
  const uid = useId();
  const settings = useWorkbench((s) => s.openAi);
  const save = useWorkbench((s) => s.saveOpenAiSettings);
  const test = useWorkbench((s) => s.testApiKey);
  const testState = useWorkbench((s) => s.openAiTest);
  const models = useWorkbench((s) => s.openAiModels);
  const hasKey = useWorkbench((s) => s.openAiKey.inMemory);
  const [draft, setDraft] = useState({ baseUrl: settings.baseUrl, model: settings.model, rpm: String(settings.rpm) });
  const [synced, setSynced] = useState(settings);
  const action = useAction();
  // Settings loaded after the first render (or saved elsewhere) replace the draft.
  if (synced !== settings) {
    setSynced(settings);
    setDraft({ baseUrl: settings.baseUrl, model: settings.model, rpm: String(settings.rpm) });
  }
  const chosen = models?.find((m) => m.id === draft.model);

  /** Validates and saves the draft (only when it differs from what is saved). */
  const persist = async (): Promise<boolean> => {
    const rpm = Number(draft.rpm);
    if (!Number.isFinite(rpm) || rpm < 1 || rpm > 10_000)
      throw new Error('Requests per minute must be a number from 1 to 10,000.');
    // The same check the store applies before saving (and the worker before sending): a key pasted into
    // the URL is refused with a message that says what to fix and never repeats the key.
    const url = validateBaseUrl(draft.baseUrl);
    if (!url.ok) throw new Error(url.message);
    if (draft.model.trim() === '') throw new Error('Choose or type a model.');
    const next = { baseUrl: url.baseUrl, model: draft.model.trim(), rpm };
    if (next.baseUrl === settings.baseUrl && next.model === settings.model && next.rpm === settings.rpm) return false;
    await save(next);
    return true;
  };
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    action.run(async () => {
      await persist();
      return 'Connection settings saved.';
    });
  };
  // "Test key" tests what the form shows, so unsaved edits are saved first.
  const testKey = (): void => {
    action.run(async () => {
      const saved = await persist();
      await test();
      return saved ? 'Connection settings saved.' : '';
    });
  };

  return (
    <>
      <form className="form-grid" onSubmit={submit} aria-label="Connection">
        <div className="field span-all">
          <label htmlFor={`${uid}-url`}>Base URL</label>
          <input
            id={`${uid}-url`}
            value={draft.baseUrl}
            autoComplete="off"
            onChange={(e) => setDraft({ ...draft, baseUrl: e.target.value })}
          />
          <small className="muted">
            OpenAI, or any OpenAI-compatible server (Ollama http://localhost:11434/v1, LM Studio, llama.cpp, vLLM…). The
            page’s security policy allows api.openai.com and servers on localhost / 127.0.0.1; the server must allow
            this page’s origin (CORS). Just the address: https:// (http:// only on this computer), no key, user name,
            “?” or “#” in it.
          </small>
        </div>
        <div className="field">
          <label htmlFor={`${uid}-model`}>Model</label>
          <input
            id={`${uid}-model`}
            list={`${uid}-models`}
            value={draft.model}
            autoComplete="off"
            onChange={(e) => setDraft({ ...draft, model: e.target.value })}
          />
          <datalist id={`${uid}-models`}>
            {(models ?? []).map((m) => (
              <option key={m.id} value={m.id} />
            ))}
          </datalist>
          <small className="muted">
            {models
              ? `${models.length} models from “Test key”; or type one.`
              : 'Type one, or use “Test key” to list the ones your key can use.'}
            {chosen?.shutdownDate ? ` ${chosen.id} shuts down on ${chosen.shutdownDate}.` : ''}
          </small>
        </div>
        <div className="field">
          <label htmlFor={`${uid}-rpm`}>Requests per minute</label>
          <input
            id={`${uid}-rpm`}
            inputMode="numeric"
            value={draft.rpm}
            onChange={(e) => setDraft({ ...draft, rpm: e.target.value })}
          />
          <small className="muted">
            Requests are spaced evenly at this rate and run concurrently up to it. Keep it under your account’s limit.
          </small>
        </div>
        <div className="actions span-all">
          <button type="submit" disabled={action.busy}>
            Save connection
          </button>
          <button type="button" disabled={!hasKey || action.busy || testState.status === 'testing'} onClick={testKey}>
            {testState.status === 'testing' ? 'Testing…' : 'Test key'}
          </button>
        </div>
      </form>
      <Message message={action.message} />
      {testState.message ? (
        <p
          className={testState.status === 'failed' ? 'error-text' : undefined}
          role={testState.status === 'failed' ? 'alert' : 'status'}
        >
          {testState.message}
        </p>
      ) : null}
    </>
  );
}

/** Settings › OpenAI: everything about using the user's own key, and nothing that stores it in plain text. */
export function OpenAiSettings() {
  const load = useWorkbench((s) => s.refreshKeyStatus);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="panel" aria-labelledby="openai-title">
      <h2 id="openai-title">OpenAI</h2>
      <p className="muted">
        Optional: only LLM home synthesis uses it; template homes and everything else work offline. The browser calls
        the API directly, so your key and your prompts go to the server below and nowhere else. The key is never logged,
        exported, put in a URL or stored in plain text.
      </p>
      <KeyPanel />
      <h3>Connection</h3>
      <ConnectionPanel />
    </section>
  );
}
