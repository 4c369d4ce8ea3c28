import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/errors';
import { useSessionState } from '../session';
import { useAction } from '../ui';

export function LoginPage() {
  const { signIn, expired } = useSessionState();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();
  const [wrong, setWrong] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setWrong(false);
    await action.run(async () => {
      try {
        await signIn(username.trim(), password);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) setWrong(true);
        throw error;
      }
    });
  };

  return (
    <main id="main" className="login">
      <h1>
        议事<small>社区议事厅 · 邻里会商</small>
      </h1>
      {expired ? (
        <p className="note note-error" role="alert">
          登录已过期，请重新登录。
        </p>
      ) : null}
      <form onSubmit={(e) => void submit(e)} className="card form" aria-label="登录">
        <label>
          用户名
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </label>
        <label>
          密码
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {wrong ? (
          <p className="note note-error" role="alert">
            用户名或密码不正确，请再试一次。
          </p>
        ) : action.error !== null ? (
          <p className="note note-error" role="alert">
            {action.error}
          </p>
        ) : null}
        <button type="submit" className="button primary" disabled={action.pending}>
          {action.pending ? '正在登录…' : '登录'}
        </button>
      </form>
    </main>
  );
}
