/** The login page of api-key mode: the key is kept in this tab's sessionStorage only. */
import { useState, type FormEvent } from 'react';

export function LoginPage({ onSignIn, expired }: { onSignIn: (key: string) => Promise<void>; expired: boolean }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    onSignIn(key.trim()).then(
      () => setBusy(false),
      (err: unknown) => {
        setBusy(false);
        setError(err instanceof Error ? err.message : String(err));
      },
    );
  };
  return (
    <main className="login" id="main">
      <h1>Sign in to caesium</h1>
      {expired && error === undefined && <p role="status">Your key was refused or has expired: sign in again.</p>}
      <form onSubmit={submit}>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="off"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          placeholder="csk_live_…"
          required
        />
        <button type="submit" disabled={busy || key.trim() === ''}>
          Sign in
        </button>
        {error !== undefined && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
      <p className="muted">The key stays in this browser tab (session storage) and is sent with every request.</p>
    </main>
  );
}
