export { Authenticator, type LoginResult } from './login';
export { decoyHash, hashPassword, verifyPassword } from './passwords';
export { BINDING_PEPPER_FILE, loadTokenSecret, SECRET_FILE } from './secret';
export { LoginThrottle, type ThrottlePolicy, type ThrottleState } from './throttle';
export { issueToken, verifyToken, type AccessClaims } from './tokens';
export { findCredentials, findUserById, insertUser, type User } from './users';
