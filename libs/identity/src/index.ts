export { AccessTokens, type LoginResult } from './access-tokens';
export { IdentityModule } from './identity.module';
export {
  LoginThrottle,
  lockedOut,
  waitPhrase,
  type ThrottlePolicy,
  type ThrottleState,
} from './login-throttle';
export { PASSWORD_MIN_LENGTH, passwordProblem } from './password-policy';
export { decoyHash, hashPassword, verifyPassword } from './passwords';
export { BINDING_PEPPER_FILE, loadTokenSecret, SECRET_FILE } from './secret';
export { issueToken, verifyToken, type AccessClaims } from './tokens';
export {
  endTokens,
  findCredentials,
  findCredentialsById,
  findUserById,
  insertUser,
  normaliseUsername,
  setDisabled,
  setPasswordHash,
  type Credentials,
  type User,
} from './users';
