import { useState } from 'react';

const STYLE = {
  overflow: 'auto',
  maxHeight: '22rem',
  padding: '0.6rem',
  border: '1px solid var(--border)',
  borderRadius: 8,
  background: 'var(--bg)',
  fontSize: '0.85rem',
} as const;

/** Preformatted text (JSON, code) that scrolls, optionally with a copy button. */
export function CodeBlock({ text, label, copy = false }: { text: string; label: string; copy?: boolean }) {
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle');
  const copyText = (): void => {
    navigator.clipboard.writeText(text).then(
      () => setCopied('done'),
      () => setCopied('failed'),
    );
  };
  return (
    <div>
      {copy ? (
        <div className="actions">
          <button type="button" className="small" onClick={copyText}>
            Copy {label}
          </button>
          <span role="status" className="muted">
            {copied === 'done'
              ? 'Copied.'
              : copied === 'failed'
                ? 'The browser refused the clipboard: select the text and copy it.'
                : ''}
          </span>
        </div>
      ) : null}
      <pre style={STYLE} role="region" aria-label={label} tabIndex={0}>
        <code>{text}</code>
      </pre>
    </div>
  );
}
