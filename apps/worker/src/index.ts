/** The worker as apps/platform composes it with the API (`npm start`). */
export { WorkerModule } from './worker.module';
