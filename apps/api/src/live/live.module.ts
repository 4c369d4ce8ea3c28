// Moved to @yishi/platform (the voting library streams its live tally too).
export { LiveModule } from '@yishi/platform';
