export { loadConfig, ConfigurationError, type AppConfig } from './config';
export { EnvironmentVariables, SECRET_VARIABLES, validateEnvironment } from './environment';
export { APP_CONFIG } from './tokens';
